-- One registration per request, each a new addon name: "<run>-<wrk thread>-<counter>"; one in a
-- hundred declares widgets (two, in the display and form categories), the rest none.
-- Each claims 0.25 CPU (maxInstances 1), so one developer fits 400,000 under the highest developer-cpus cap
-- (100,000): with the defaults (1 CPU each) the benchmark developer reached it at 100,000 addons.
-- The developer key and run id come from the environment (run.sh, curve.sh and grow.sh set them).
local categories = {"ecommerce", "analytics", "marketing", "communication", "utilities"}
local run = os.getenv("BENCH_RUN") or "r"
local key = os.getenv("BENCH_KEY")
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0
request = function()
  counter = counter + 1
  local name = "bench-" .. run .. "-" .. tid .. "-" .. counter
  local widgets = '[]'
  if counter % 100 == 0 then
    widgets = '[{"name":"banner","category":"display","configSchema":{"type":"object","properties":'
      .. '{"text":{"type":"string","default":"hi"},"size":{"type":"integer","minimum":1,"maximum":5,"default":2}}}},'
      .. '{"name":"signup","category":"form"}]'
  end
  local body = '{"name":"' .. name .. '","version":"1.0.' .. (counter % 7) .. '","description":"Benchmark addon number '
    .. counter .. '","author":"bench","category":"' .. categories[counter % #categories + 1] .. '",'
    .. '"image":"themepress/addon-' .. name .. ':1.0.0","widgets":' .. widgets .. ','
    .. '"endpoints":["track","report"],"events":{"publishes":["bench.tracked"]},'
    .. '"permissions":["events.publish","storage.read"],"resources":{"memoryMb":128,"cpus":0.25,"maxInstances":1}}'
  return wrk.format("POST", "/api/addons/register", {["Content-Type"] = "application/json", ["X-API-Key"] = key}, body)
end

