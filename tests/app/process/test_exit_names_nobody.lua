-- A pid is handed on only on purpose (spec section 2): the EXIT a monitor
-- gets for a process that was terminated does not name the process that
-- terminated it. On the old code its error said "terminated by {pid}",
-- handing that pid to whoever monitored the victim.
local time = require("time")
local function main()
  local events = process.events()
  local victim = assert(process.spawn_monitored("app.test.process:long_worker", "app:processes"))
  local actor = assert(process.spawn_monitored("app.test.process:terminator", "app:processes", victim))
  local got = {}
  while not (got[victim] and got[actor]) do
    local r = channel.select { events:case_receive(), time.after("10s"):case_receive() }
    if r.channel ~= events then return false, "missing EXIT" end
    got[r.value.from] = r.value
  end
  local ev = got[victim]
  if ev.reason ~= "terminated" then return false, "reason " .. tostring(ev.reason) end
  if tostring(ev.error):find(actor, 1, true) then
    return false, "the victim's EXIT names who terminated it: " .. ev.error
  end
  return true
end
return { main = main }
