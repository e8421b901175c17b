-- name@node: send, lookup, monitor by a name registered on that node;
-- name@<own node> is a name here.
local t = require("t")
local function main()
  t.ready()
  local me = process.pid()
  local held = process.listen("held")
  local h = assert(process.spawn("remote:holder", "remote:procs@" .. t.other, me, "svc"))
  if t.recv(held, 10) ~= h then return false, "holder did not register" end
  local pid, err = process.registry.lookup("svc@" .. t.other)
  if pid ~= h then return false, "lookup: " .. tostring(pid) .. " " .. tostring(err) end
  local none, err2 = process.registry.lookup("nobody@" .. t.other)
  if none or not tostring(err2):find("not registered", 1, true) then
    return false, "lookup nobody: " .. tostring(err2)
  end
  local msgs = process.listen("pong", { message = true })
  assert(process.send("svc@" .. t.other, "ping", 7))
  local m = t.recv(msgs, 10)
  if not m or m:payload() ~= 7 or m:from() ~= h then return false, "send by name@node" end
  assert(process.monitor("svc@" .. t.other))
  process.send(h, "stop")
  local ev, e = t.event(process.event.EXIT, h)
  if not ev then return false, e end
  -- Unbound now: monitor by name gives noproc from the name.
  assert(process.monitor("svc@" .. t.other))
  ev, e = t.event(process.event.EXIT, "svc@" .. t.other)
  if not ev or ev.reason ~= "noproc" then return false, "monitor unbound: " .. tostring(e) end
  -- Our own node by name: this broker's registry.
  assert(process.registry.register("mine"))
  if process.registry.lookup("mine@n1") ~= me then return false, "name@own" end
  return true
end
return { main = main }
