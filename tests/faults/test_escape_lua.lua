-- Lua-level escapes from a strict process: all refused.
local H = require("harness")
local function main()
  local ctx = H.start()
  local chunk = string.dump(function() return io end)	-- we are trusted
  local pid = assert(process.spawn_monitored("faults:escape", "faults:strict", H.hex(chunk)))
  local ev = H.expect_exit(ctx, pid, "normal", nil, 10)
  if type(ev.result) ~= "table" then return false, "no result: " .. tostring(ev.error) end
  if #ev.result > 0 then return false, "not refused: " .. table.concat(ev.result, ", ") end
  return true
end
return { main = main }
