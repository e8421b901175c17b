-- Run on n1 by remote-tests.sh, which restarts n2's broker (SIGKILL, then
-- a new one under the same name) once this prints OLD: the pids of the
-- old n2 stay dead in the new one.
local t = require("t")
local time = require("time")
local function has(node)
  for _, n in ipairs(process.nodes()) do
    if n == node then return true end
  end
  return false
end
local function wait(cond, secs)
  local deadline = time.now() + secs
  while not cond() do
    if time.now() > deadline then return false end
    time.sleep("50ms")
  end
  return true
end
local function main()
  t.ready()
  local old = assert(process.spawn("remote:exiter", "remote:procs@" .. t.other, "wait"))
  print("OLD " .. old)
  assert(wait(function() return not has(t.other) end, 30), "n2 was never lost")
  assert(wait(function() return has(t.other) end, 30), "n2 never came back")
  assert(process.monitor(old))
  local ev = assert(t.event(process.event.EXIT, old, 10))
  assert(ev.reason == "noproc", "old pid's monitor: " .. tostring(ev.reason))
  local ok, err = process.link(old)
  assert(not ok and tostring(err):find("noproc", 1, true), "link old: " .. tostring(err))
  ok, err = process.terminate(old)
  assert(not ok and tostring(err):find("no such process", 1, true), "terminate old: " .. tostring(err))
  local new = assert(process.spawn_monitored("remote:exiter", "remote:procs@" .. t.other, "value", 1))
  assert(new ~= old)
  ev = assert(t.event(process.event.EXIT, new, 10))
  assert(ev.reason == "normal", "new: " .. tostring(ev.reason))
  return true
end
return { main = main }
