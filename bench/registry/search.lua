-- Text search as a storefront's search box sends it: a few words of a description ("number 4711"
-- matches a handful of addons at any size, "number 47" about one in a hundred), half of them within a category.
local categories = {"ecommerce", "analytics", "marketing", "communication", "utilities"}
local counter = 0
request = function()
  counter = counter + 1
  local q = "number+" .. ((counter * 7919) % 10000)
  if counter % 3 == 0 then
    q = "number+" .. (counter % 100)
  end
  local path = "/api/addons?q=" .. q .. "&size=20"
  if counter % 2 == 0 then
    path = path .. "&category=" .. categories[counter % #categories + 1]
  end
  return wrk.format("GET", path)
end
