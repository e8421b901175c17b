-- cancel: a CANCEL event first; a process that exits by the deadline ends
-- normally, one that does not is killed with reason "cancelled".
local time = require("time")
local function main()
  local events = process.events()
  local me = process.pid()
  local obey = assert(process.spawn_monitored("app.test.process:cancel_worker", "app:processes", true))
  time.sleep("100ms")
  local t0 = time.now()
  assert(process.cancel(obey, "2s"))
  local r = channel.select { events:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= events then return false, "no EXIT from obeying worker" end
  if r.value.reason ~= "normal" or r.value.result.cancelled_by ~= me then
    return false, "obeying worker: " .. tostring(r.value.reason) .. " " .. tostring(r.value.error)
  end
  if math.abs(r.value.result.deadline - (t0 + 2)) > 1 then return false, "deadline not ~now+2s" end

  local stubborn = assert(process.spawn_monitored("app.test.process:cancel_worker", "app:processes", false))
  time.sleep("100ms")
  t0 = time.now()
  assert(process.cancel(stubborn, 300))
  r = channel.select { events:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= events then return false, "stubborn worker never killed" end
  local took = time.now() - t0
  if r.value.reason ~= "cancelled" then return false, "stubborn: " .. tostring(r.value.reason) end
  if took < 0.25 then return false, "killed before the deadline (" .. took .. "s)" end
  return true
end
return { main = main }
