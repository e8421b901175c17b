-- Run on n1 by remote-tests.sh, which kills n2's broker with SIGKILL once
-- this says READY: the monitor of a process there fires EXIT
-- "noconnection", the trapped link LINK_DOWN "noconnection", and a
-- spawn there then fails. Returns when each came (unix seconds).
local t = require("t")
local time = require("time")
local function main()
  t.ready()
  process.set_options({ trap_links = true })
  local host = "remote:procs@" .. t.other
  local m = assert(process.spawn_monitored("remote:exiter", host, "wait"))
  local l = assert(process.spawn_linked("remote:exiter", host, "wait"))
  -- An untrapped link too: a local helper linked to one there.
  local linked = process.listen("linked")
  local victim = assert(process.spawn("remote:exiter", host, "wait"))
  local helper = assert(process.spawn_monitored("remote:linker", "remote:procs", process.pid(), victim))
  assert(t.recv(linked, 10) == true, "linker did not link")
  print("READY")
  local ev = assert(t.event(process.event.EXIT, m, 30))
  assert(ev.reason == "noconnection", "monitor: " .. tostring(ev.reason))
  local exit_at = time.now()
  local down = assert(t.event(process.event.LINK_DOWN, l, 30))
  assert(down.reason == "noconnection", "link: " .. tostring(down.reason))
  local down_at = time.now()
  local h = assert(t.event(process.event.EXIT, helper, 30))
  assert(h.reason == "link", "helper: " .. tostring(h.reason) .. " " .. tostring(h.error))
  local pid, err = process.spawn("remote:echo", host)
  assert(pid == nil and (err == "unknown node n2" or err == "noconnection"),
    "spawn on a lost node: " .. tostring(pid) .. " " .. tostring(err))
  return { exit_at = exit_at, down_at = down_at, error = ev.error }
end
return { main = main }
