-- terminate kills at once with reason "terminated".
local time = require("time")
local function main()
  local events = process.events()
  local pid = assert(process.spawn_monitored("app.test.process:long_worker", "app:processes"))
  local ok, err = process.terminate(pid)
  if ok ~= true then return false, "terminate: " .. tostring(err) end
  local r = channel.select { events:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= events then return false, "no EXIT" end
  if r.value.reason ~= "terminated" or r.value.from ~= pid then return false, "reason " .. tostring(r.value.reason) end
  ok, err = process.terminate(pid)
  if ok ~= nil or type(err) ~= "string" then return false, "terminate of a dead pid returned " .. tostring(ok) end
  return true
end
return { main = main }
