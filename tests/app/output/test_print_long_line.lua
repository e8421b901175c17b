-- A print line over the frame limit (max_message_size 1MiB here) does not
-- kill the caller: it is truncated with a marker that says how long it
-- was, and the process goes on.
local time = require("time")
local function main()
  local events = process.events()
  local pid = assert(process.spawn_monitored("app.test.output:printer",
    "app.test.output:wide", "long", 3 * 1024 * 1024))
  local r = channel.select { events:case_receive(), time.after("10s"):case_receive() }
  if r.channel ~= events then return false, "no EXIT within 10s" end
  local ev = r.value
  if ev.reason ~= "normal" or ev.result ~= "printed" then
    return false, "exit: " .. tostring(ev.reason) .. ": " .. tostring(ev.error)
  end
  if type(ev.output) ~= "string" or not ev.output:find("^xxxxxxxx") or
      not ev.output:find("... [truncated, 3145728 bytes]", 1, true) then
    return false, "output: " .. tostring(ev.output):sub(-100)
  end
  return true
end
return { main = main }
