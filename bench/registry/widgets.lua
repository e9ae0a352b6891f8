-- The widget catalogue: all widgets and per widget category, first three pages of 50.
local categories = {"", "display", "form", "content"}
local counter = 0
request = function()
  counter = counter + 1
  local category = categories[counter % #categories + 1]
  local path = "/api/widgets?page=" .. (counter % 3)
  if category ~= "" then
    path = path .. "&category=" .. category
  end
  return wrk.format("GET", path)
end
