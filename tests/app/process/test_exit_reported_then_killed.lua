-- A process that has reported main's return and is then killed by the
-- broker on its way out (a shutdown, a link, terminate) ended normally,
-- with its result: the kill must not turn it into "signal".
local time = require("time")
local function main()
  if not process._test_write_raw then
    return false, "needs the test build of the worker (FORKBOX_WORKER=forkbox-worker-test, as make check sets)"
  end
  local events = process.events()
  local pid = assert(process.spawn_monitored("app.test.process:garbage_worker", "app:processes", "exit_then_wait"))
  -- Give the EXIT frame time to reach the broker, then kill.
  time.sleep("200ms")
  assert(process.terminate(pid))
  local r = channel.select { events:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= events then return false, "no EXIT" end
  local ev = r.value
  if ev.reason ~= "normal" or ev.result ~= 42 or ev.error ~= nil then
    return false, "reason " .. tostring(ev.reason) .. ", result " .. tostring(ev.result) .. ", error " .. tostring(ev.error)
  end
  return true
end
return { main = main }
