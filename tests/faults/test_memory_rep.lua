-- One string.rep of 36 MiB, over memory_limit but under RLIMIT_AS, is
-- refused by the allocator: reason "memory".
local H = require("harness")
local function main()
  local ctx = H.start()
  H.case(ctx, "faults:victim", "faults:strict", "memory", "memory limit exceeded (32 MiB)", 20, "rep_bomb")
  return true
end
return { main = main }
