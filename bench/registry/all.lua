-- The whole catalogue, unfiltered, paged by name: first pages and one deep page in ten.
local counter = 0
request = function()
  counter = counter + 1
  local page = counter % 3
  if counter % 10 == 0 then
    page = 400 + counter % 100
  end
  return wrk.format("GET", "/api/addons?page=" .. page .. "&size=20")
end
