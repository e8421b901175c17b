-- Monitors across nodes: normal and abnormal exits arrive with their
-- reasons, errors and results; a terminated process's EXIT says
-- "terminated"; a dead pid gives EXIT "noproc" at once.
local t = require("t")
local host = "remote:procs@" .. t.other
local function main()
  t.ready()
  local a = assert(process.spawn_monitored("remote:exiter", host, "value", { 1, 2 }))
  local ev, err = t.event(process.event.EXIT, a)
  if not ev then return false, err end
  if ev.reason ~= "normal" or ev.error ~= nil or type(ev.result) ~= "table" or ev.result[2] ~= 2 then
    return false, "normal exit: " .. tostring(ev.reason) .. " " .. tostring(ev.error)
  end
  local b = assert(process.spawn_monitored("remote:exiter", host, "error"))
  ev, err = t.event(process.event.EXIT, b)
  if not ev then return false, err end
  if ev.reason ~= "error" or not tostring(ev.error):find("boom", 1, true) or ev.result ~= nil then
    return false, "error exit: " .. tostring(ev.reason) .. " " .. tostring(ev.error)
  end
  -- monitor (not spawn_monitored) of a running one, then terminate it.
  local c = assert(process.spawn("remote:exiter", host, "wait"))
  assert(process.monitor(c))
  assert(process.terminate(c))
  ev, err = t.event(process.event.EXIT, c)
  if not ev then return false, err end
  if ev.reason ~= "terminated" then return false, "terminate: " .. tostring(ev.reason) end
  -- Now it is dead: monitor says noproc, terminate says no such process.
  assert(process.monitor(c))
  ev, err = t.event(process.event.EXIT, c)
  if not ev then return false, err end
  if ev.reason ~= "noproc" then return false, "dead: " .. tostring(ev.reason) end
  local ok, e2 = process.terminate(c)
  if ok or not tostring(e2):find("no such process", 1, true) then
    return false, "terminate dead: " .. tostring(e2)
  end
  -- A pid of a node that does not exist: noconnection, as Erlang says.
  local ghost = c:gsub("@n2}$", "@n9}")
  assert(process.monitor(ghost))
  ev, err = t.event(process.event.EXIT, ghost)
  if not ev then return false, err end
  if ev.reason ~= "noconnection" then return false, "ghost: " .. tostring(ev.reason) end
  return true
end
return { main = main }
