-- Every request a config never seen before: an L1 and L2 miss that renders in the addon.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("prefix", os.time() .. "-" .. threads)
end

local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", wrk.path .. "?config=%7B%22title%22%3A%22t" .. prefix .. "-" .. counter .. "%22%7D")
end
