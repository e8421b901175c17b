-- A library's top level may block; other coroutines keep running
-- meanwhile, and one that requires the same library before it is loaded
-- gets an error, not a second run.
local time = require("time")

local function main()
  SLOW_GATE = channel.new()
  local during
  coroutine.spawn(function()
    time.sleep("1ms")
    local ok, err = pcall(require, "slow")
    during = { ok = ok, err = tostring(err) }
    SLOW_GATE:send(true) -- let the top level finish
  end)
  local slow = require("slow")
  if not slow.ready then return false, "slow returned " .. tostring(slow) end
  if during == nil then return false, "the other coroutine did not run" end
  if during.ok then return false, "a second require during the load succeeded" end
  if not during.err:find("still loading", 1, true) then return false, "message: " .. during.err end
  if SLOW_RUNS ~= 1 then return false, "slow ran " .. tostring(SLOW_RUNS) .. " times" end
  if require("slow") ~= slow then return false, "not cached after the load" end
  return true
end
return { main = main }
