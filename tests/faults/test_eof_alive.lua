-- A worker that closes its connection but does not exit is killed after a
-- short grace, reason "protocol".
local H = require("harness")
local function main()
  local ctx = H.start()
  H.case(ctx, "faults:victim", "faults:trusted", "protocol", "closed its connection but did not exit", 5, "closed")
  return true
end
return { main = main }
