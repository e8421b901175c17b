-- cancel across nodes: the CANCEL event says who asked, and the process
-- may end on its own before the deadline.
local t = require("t")
local function main()
  t.ready()
  local me = process.pid()
  local ready = process.listen("ready")
  local cancels = process.listen("cancel")
  local c = assert(process.spawn_monitored("remote:cancellee", "remote:procs@" .. t.other, me))
  if t.recv(ready, 10) ~= true then return false, "not ready" end
  assert(process.cancel(c, "5s"))
  local got = t.recv(cancels, 10)
  if not got or got.from ~= me then return false, "CANCEL from " .. tostring(got and got.from) end
  local ev, e = t.event(process.event.EXIT, c)
  if not ev then return false, e end
  if ev.reason ~= "normal" or ev.result ~= "cancelled nicely" then
    return false, "exit " .. tostring(ev.reason)
  end
  -- One that ignores it is ended at the deadline, "cancelled".
  local d = assert(process.spawn_monitored("remote:exiter", "remote:procs@" .. t.other, "wait"))
  assert(process.cancel(d, 100))
  ev, e = t.event(process.event.EXIT, d)
  if not ev then return false, e end
  if ev.reason ~= "cancelled" then return false, "deadline: " .. tostring(ev.reason) end
  return true
end
return { main = main }
