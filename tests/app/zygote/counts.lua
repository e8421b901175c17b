-- Requires the counted library twice, under two aliases.
local function main()
  local a, b = require("counted"), require("again")
  return { runs = a.runs, same = a == b, globals = rawget(_G, "counted_runs") }
end
return { main = main }
