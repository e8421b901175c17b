local counter = require("ctr")
local function main(n)
  local v
  for _ = 1, n do v = counter.bump() end
  return { value = v, runs = LIB_COUNTER_RUNS }
end
return { main = main }
