-- One caller's token bucket for one route class, kept as a single number: the time (ms) at which the
-- bucket will be full again (GCRA's "theoretical arrival time"). One key, one read, at most one write.
-- KEYS[1] the bucket; ARGV[1] now (ms), ARGV[2] ms between requests at the steady rate, ARGV[3] burst.
-- Returns {allowed 1|0, remaining, ms until full, ms until the next request is allowed}.
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local full = tonumber(redis.call('GET', KEYS[1]) or now)
if full < now then
  full = now
end
local next_full = full + interval
local allowed_from = next_full - burst * interval
if allowed_from > now then
  return {0, 0, full - now, allowed_from - now}
end
redis.call('SET', KEYS[1], string.format('%.0f', next_full), 'PX', next_full - now)
return {1, math.floor((now - allowed_from) / interval), next_full - now, 0}
