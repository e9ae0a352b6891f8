-- 64 callers behind a trusted proxy (the limited gateway trusts 127.0.0.1): each request names one in
-- X-Forwarded-For, so every request is counted (one Redis script call) without wrk's single address
-- running into its own limit.
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, {["X-Forwarded-For"] = "10.0." .. (n % 64) .. ".1"})
end
