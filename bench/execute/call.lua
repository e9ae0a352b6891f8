-- One execute of payment-gateway's public verify-transaction per request. EXECUTE_SHAPE=direct sends the
-- addon's own contract body (the endpoint's data), as the runtime and the container take it; otherwise the
-- public API's {"action", "data"}.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
if os.getenv("EXECUTE_SHAPE") == "direct" then
  wrk.body = '{"transactionId":"tx-bench"}'
else
  wrk.body = '{"action":"verify-transaction","data":{"transactionId":"tx-bench"}}'
end
