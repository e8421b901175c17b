-- Messages that arrive before listen() are kept, in order, not dropped.
local time = require("time")
local function main()
  local events = process.events()
  local pid = assert(process.spawn_monitored("app.test.process:late_listener", "app:processes", 3))
  process.send(pid, "late", "a", "b")
  process.send(pid, "late", "c")
  local r = channel.select { events:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= events then return false, "late listener did not finish" end
  local got = r.value.result
  if type(got) ~= "table" or got[1] ~= "a" or got[2] ~= "b" or got[3] ~= "c" then
    return false, "got " .. tostring(got and table.concat(got, ",")) .. " " .. tostring(r.value.error)
  end
  return true
end
return { main = main }
