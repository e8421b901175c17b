-- A table that grows without end stops at memory_limit: reason "memory",
-- and the heap it reported on the way never went past the 32 MiB.
local H = require("harness")
local function main()
  local ctx = H.start()
  local heap = process.listen("heap")
  H.case(ctx, "faults:victim", "faults:strict", "memory", "memory limit exceeded (32 MiB)", 20,
    "table_bomb", process.pid())
  local max = 0
  while true do
    local r = channel.select { heap:case_receive(), default = true }
    if r.default then break end
    max = math.max(max, r.value)
  end
  if max < 16 * 1024 then return false, "the bomb only reached " .. max .. " KiB" end
  if max > 32 * 1024 then return false, "the heap reached " .. max .. " KiB" end
  return true
end
return { main = main }
