-- Half a frame, then the stream ends while the worker lives on: reason
-- "protocol" at once, not a wait for bytes that never come.
local H = require("harness")
local function main()
  local ctx = H.start()
  H.case(ctx, "faults:victim", "faults:trusted", "protocol", "truncated frame", 5, "truncated")
  return true
end
return { main = main }
