-- Links across nodes: with trap_links an abnormal exit is a LINK_DOWN
-- with its reason, a normal one nothing; without, the linked process
-- ends with reason "link"; and both ways.
local t = require("t")
local host = "remote:procs@" .. t.other
local function main()
  t.ready()
  local me = process.pid()
  process.set_options({ trap_links = true })
  local a = assert(process.spawn_linked("remote:exiter", host, "error"))
  local ev, err = t.event(process.event.LINK_DOWN, a)
  if not ev then return false, err end
  if ev.reason ~= "error" or not tostring(ev.error):find("boom", 1, true) then
    return false, "trapped: " .. tostring(ev.reason) .. " " .. tostring(ev.error)
  end
  local b = assert(process.spawn_linked("remote:exiter", host, "value", 1))
  assert(process.monitor(b))
  ev, err = t.event(process.event.EXIT, b)
  if not ev then return false, err end
  if not t.no_event(process.event.LINK_DOWN, b, 0.3) then
    return false, "LINK_DOWN after a normal exit"
  end
  -- Untrapped, here: a local linker linked to a process there that fails.
  local linked = process.listen("linked")
  local victim = assert(process.spawn("remote:exiter", host, "wait"))
  local l = assert(process.spawn_monitored("remote:linker", "remote:procs", me, victim))
  if t.recv(linked, 10) ~= true then return false, "linker did not link" end
  process.send(victim, "go", "error")
  ev, err = t.event(process.event.EXIT, l)
  if not ev then return false, err end
  if ev.reason ~= "link" or not tostring(ev.error):find("^linked process exited: .*told to fail") then
    return false, "untrapped: " .. tostring(ev.reason) .. " " .. tostring(ev.error)
  end
  -- The other way: a trapper there linked to a process here that fails.
  local local_victim = assert(process.spawn("remote:exiter", "remote:procs", "wait"))
  local downs = process.listen("down")
  local tr = assert(process.spawn("remote:trapper", host, me, local_victim))
  if t.recv(linked, 10) ~= true then return false, "trapper did not link" end
  process.send(local_victim, "go", "error")
  local d = t.recv(downs, 10)
  if not d then return false, "no LINK_DOWN there" end
  if d.from ~= local_victim or d.reason ~= "error" then
    return false, "there: " .. tostring(d.from) .. " " .. tostring(d.reason)
  end
  process.send(tr, "stop")
  -- Link to a dead pid of another node: noproc, as here.
  local ok, e = process.link(victim)
  if ok or not tostring(e):find("noproc", 1, true) then
    return false, "link to dead: " .. tostring(e)
  end
  -- unlink, then the other's abnormal end does nothing here.
  local u = assert(process.spawn_linked("remote:exiter", host, "wait"))
  assert(process.unlink(u))
  assert(process.monitor(u))
  process.send(u, "go", "error")
  ev, err = t.event(process.event.EXIT, u)
  if not ev then return false, err end
  if not t.no_event(process.event.LINK_DOWN, u, 0.3) then
    return false, "LINK_DOWN after unlink"
  end
  return true
end
return { main = main }
