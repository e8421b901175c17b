-- A worker killed from outside by SIGKILL, SIGSEGV or SIGABRT ends with
-- reason "signal" and a readable error naming the signal; its monitor
-- gets exactly that, and an unrelated exchange is unaffected.
local time = require("time")
local function main()
  if not process._test_ospid then
    return false, "needs the test build of the worker (FORKBOX_WORKER=forkbox-worker-test, as make check sets)"
  end
  local events = process.events()
  local ospids = process.listen("ospid")
  local cases = {
    { 9, "killed by signal 9 (SIGKILL)" },
    { 11, "crashed with signal 11 (SIGSEGV)" },
    { 6, "crashed with signal 6 (SIGABRT)" },
    { 15, "killed by signal 15 (SIGTERM)" },
  }
  for _, case in ipairs(cases) do
    local victim = assert(process.spawn_monitored("app.test.signal:victim", "app:processes", process.pid()))
    local r = channel.select { ospids:case_receive(), time.after("5s"):case_receive() }
    if r.channel ~= ospids then return false, "victim never reported its OS pid" end
    assert(process.spawn("app.test.signal:killer", "app.test.signal:trusted", r.value, case[1]))
    r = channel.select { events:case_receive(), time.after("5s"):case_receive() }
    if r.channel ~= events then return false, "no EXIT after signal " .. case[1] end
    local ev = r.value
    if ev.from ~= victim or ev.kind ~= process.event.EXIT then return false, "EXIT from the wrong process" end
    if ev.reason ~= "signal" or ev.error ~= case[2] then
      return false, "signal " .. case[1] .. ": reason " .. tostring(ev.reason) .. ", error " .. tostring(ev.error)
    end
    if ev.result ~= nil then return false, "a killed process has a result" end
  end
  return true
end
return { main = main }
