-- while true do end on a host with cpu_limit 1s: the count hook ends it.
local H = require("harness")
local function main()
  local ctx = H.start()
  H.case(ctx, "faults:victim", "faults:cpu", "cpu", "cpu limit exceeded (1s)", 10, "loop")
  return true
end
return { main = main }
