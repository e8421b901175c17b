-- A table that grows without end stops at memory_limit: reason "memory".
local H = require("harness")
local function main()
  local ctx = H.start()
  H.case(ctx, "faults:victim", "faults:strict", "memory", "memory limit exceeded (32 MiB)", 20, "table_bomb")
  return true
end
return { main = main }
