-- The same pattern on a host with wall_limit 2s and no CPU limit: the
-- broker kills it at the deadline with reason "timeout".
local H = require("harness")
local time = require("time")
local function main()
  local ctx = H.start()
  local t0 = time.now()
  H.case(ctx, "faults:victim", "faults:wall", "timeout", "wall time limit exceeded (2s)", 10, "pattern")
  if time.now() - t0 < 1.9 then return false, "killed before its wall limit" end
  return true
end
return { main = main }
