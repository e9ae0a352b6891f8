-- Catalogue pages as a storefront asks for them: five categories, first three pages of 20.
local categories = {"ecommerce", "analytics", "marketing", "communication", "utilities"}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/api/addons?category=" .. categories[counter % #categories + 1] .. "&page=" .. (counter % 3) .. "&size=20")
end
