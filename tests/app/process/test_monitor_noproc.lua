-- Monitoring a dead or unknown pid returns true and delivers EXIT noproc.
local time = require("time")
local function main()
  local events = process.events()
  local pid = assert(process.spawn_monitored("app.test.process:events_exit_worker", "app:processes"))
  local r = channel.select { events:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= events then return false, "first EXIT missing" end
  local ok, err = process.monitor(pid)
  if ok ~= true then return false, "monitor of a dead pid: " .. tostring(err) end
  r = channel.select { events:case_receive(), time.after("2s"):case_receive() }
  if r.channel ~= events then return false, "no noproc EXIT" end
  if r.value.kind ~= process.event.EXIT or r.value.reason ~= "noproc" or r.value.from ~= pid then
    return false, "expected noproc EXIT from " .. pid .. ", got " .. tostring(r.value.reason)
  end
  ok = process.monitor("{app:processes|app.test.process:never|ffffffff}")
  r = channel.select { events:case_receive(), time.after("2s"):case_receive() }
  if ok ~= true or r.channel ~= events or r.value.reason ~= "noproc" then return false, "unknown pid" end
  return true
end
return { main = main }
