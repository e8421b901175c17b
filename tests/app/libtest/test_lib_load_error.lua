-- A runtime error while a library loads names the library's file and line,
-- and is an error of the requiring process.
local time = require("time")

local function main()
  local ok, err = pcall(require, "bad")
  if ok then return false, "require('bad') succeeded" end
  if not tostring(err):find("^lib/bad_load%.lua:3: bad_load refuses to load") then
    return false, "message: " .. tostring(err)
  end
  -- Not cached as loaded: it fails again.
  ok, err = pcall(require, "bad")
  if ok or not tostring(err):find("lib/bad_load.lua:3:", 1, true) then
    return false, "second require: " .. tostring(err)
  end
  -- Uncaught, it ends the requiring process with that message.
  local events = process.events()
  local pid, serr = process.spawn_monitored("app.test.lib:bad_user", "app:processes")
  if not pid then return false, "spawn: " .. serr end
  local r = channel.select { events:case_receive(), time.after("10s"):case_receive() }
  if r.channel ~= events then return false, "timeout" end
  local ev = r.value
  if ev.reason ~= "error" then return false, "bad_user exit reason " .. tostring(ev.reason) end
  if not tostring(ev.error):find("lib/bad_load.lua:3: bad_load refuses to load", 1, true) then
    return false, "bad_user error: " .. tostring(ev.error)
  end
  return true
end
return { main = main }
