-- On a node every pid names it; host@node spawns there, host@<own node>
-- here; a pid of our own node is looked up here.
local t = require("t")
local function main()
  t.ready()
  local me = process.pid()
  if process.node() ~= "n1" or not t.on(me, "n1") then
    return false, "own pid or node: " .. me .. " " .. tostring(process.node())
  end
  local there = assert(process.spawn_monitored("remote:echo", "remote:procs@" .. t.other))
  if not t.on(there, t.other) then return false, "remote pid: " .. there end
  if not there:find("^{remote:procs|remote:echo|%x+@n2}$") then
    return false, "remote pid shape: " .. there
  end
  local here = assert(process.spawn("remote:echo", "remote:procs@n1"))
  if not t.on(here, "n1") then return false, "host@own pid: " .. here end
  -- A round trip each way, pids as they are.
  local pong = process.listen("pong")
  assert(process.send(there, "ping", "a"))
  assert(process.send(here, "ping", "b"))
  local got = {}
  for _ = 1, 2 do
    local v = t.recv(pong, 10)
    if v == nil then return false, "no pong" end
    got[v] = true
  end
  if not (got.a and got.b) then return false, "pongs missing" end
  process.send(there, "stop", "bye")
  local ev, err = t.event(process.event.EXIT, there)
  if not ev then return false, err end
  if ev.reason ~= "normal" or ev.result ~= "bye" then
    return false, "exit: " .. tostring(ev.reason) .. " " .. tostring(ev.result)
  end
  process.send(here, "stop")
  return true
end
return { main = main }
