-- Counts one request against each bucket in KEYS, in order (a key may come more than once). A bucket is
-- one caller's for one route class, kept as a single number: the time (ms) at which it will be full again
-- (GCRA's "theoretical arrival time"). One read and at most one write per count.
-- ARGV[1] now (ms); for the i-th key, ARGV[2i] the ms between requests at the steady rate, ARGV[2i+1] the burst.
-- Returns four numbers per key: allowed 1|0, remaining, ms until full, ms until the next request is allowed.
-- Numbers go to SET as they are (Redis writes an integral number without exponent or fraction): a
-- string.format per count cost 15% of the script's time.
local now = tonumber(ARGV[1])
local out = {}
local n = 0
for i = 1, #KEYS do
  local key = KEYS[i]
  local interval = tonumber(ARGV[2 * i])
  local burst = tonumber(ARGV[2 * i + 1])
  local full = tonumber(redis.call('GET', key)) or now
  if full < now then
    full = now
  end
  local next_full = full + interval
  local allowed_from = next_full - burst * interval
  if allowed_from > now then
    out[n + 1] = 0
    out[n + 2] = 0
    out[n + 3] = full - now
    out[n + 4] = allowed_from - now
  else
    redis.call('SET', key, next_full, 'PX', next_full - now)
    out[n + 1] = 1
    out[n + 2] = math.floor((now - allowed_from) / interval)
    out[n + 3] = next_full - now
    out[n + 4] = 0
  end
  n = n + 4
end
return out
