-- Messages from one sender to one receiver arrive in the order sent.
local time = require("time")
local function main()
  local n = 2000
  local events = process.events()
  local pid = assert(process.spawn_monitored("app.test.process:order_collector", "app:processes", n))
  for i = 1, n do assert(process.send(pid, "n", i)) end
  local r = channel.select { events:case_receive(), time.after("10s"):case_receive() }
  if r.channel ~= events then return false, "collector did not finish" end
  if r.value.result ~= true then return false, "collector: " .. tostring(r.value.error or r.value.result) end
  return true
end
return { main = main }
