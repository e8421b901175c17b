-- An error() message of 100 KB arrives as the EXIT's error, truncated with
-- a marker, instead of being lost ("exited with status 1 without
-- reporting a result").
local time = require("time")
local function main()
  local events = process.events()
  local pid = assert(process.spawn_monitored("app.test.output:printer",
    "app.test.output:logged", "error", 100000))
  local r = channel.select { events:case_receive(), time.after("10s"):case_receive() }
  if r.channel ~= events then return false, "no EXIT within 10s" end
  local ev = r.value
  if ev.reason ~= "error" or type(ev.error) ~= "string" then
    return false, "exit: " .. tostring(ev.reason) .. ": " .. tostring(ev.error)
  end
  if not ev.error:find("^eeeeeeee") or
      not ev.error:find("eee... %[truncated, 100000 bytes%]$") or #ev.error > 8192 then
    return false, "error: " .. #ev.error .. " bytes: " .. ev.error:sub(-80)
  end
  return true
end
return { main = main }
