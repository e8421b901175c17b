-- A catastrophic pattern inside one string.find never reaches the count
-- hook; RLIMIT_CPU ends it (SIGXCPU), still with reason "cpu".
local H = require("harness")
local function main()
  local ctx = H.start()
  H.case(ctx, "faults:victim", "faults:cpu", "cpu", "cpu limit exceeded (1s; killed by SIGXCPU)", 10, "pattern")
  return true
end
return { main = main }
