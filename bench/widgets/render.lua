-- The addon's own render time as the renderer sees it: POST straight to the runtime's render endpoint.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
request = function()
  counter = counter + 1
  local body = '{"config":{"title":"r' .. counter .. '","currency":"USD","buttonLabel":"Pay now"},"context":{"apiBase":"/api"}}'
  return wrk.format("POST", wrk.path, nil, body)
end
