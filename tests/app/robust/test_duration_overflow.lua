-- Durations past what a timer can hold raise a Lua error naming the
-- duration (spec section 3), in process.cancel, time.after and
-- time.sleep alike; the caller lives on.
local time = require("time")
local function raises(what, f, ...)
  local ok, err = pcall(f, ...)
  if ok then error(what .. ": accepted") end
  if not tostring(err):find("bad duration") then
    error(what .. ": error " .. tostring(err) .. " does not say bad duration")
  end
end
local function main()
  local me = process.pid()
  for _, d in ipairs { "9223372036854775807us", "9223372036854775s", "2562048h",
      "9223372036854775807", 1e300, -1, 0/0, "106751991167h" } do
    raises("cancel " .. tostring(d), process.cancel, me, d)
    raises("after " .. tostring(d), time.after, d)
    raises("sleep " .. tostring(d), time.sleep, d)
  end
  -- A long but sane deadline is fine, and nothing was killed.
  if time.after("1h") == nil then return false, "after 1h" end
  local ch = process.listen("alive")
  assert(process.send(me, "alive", true))
  if ch:receive() ~= true then return false, "no message after the refusals" end
  return true
end
return { main = main }
