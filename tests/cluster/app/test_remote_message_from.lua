-- A message from another node says who sent it: the sender's full pid,
-- @node included, and an answer to it goes back there.
local t = require("t")
local function main()
  t.ready()
  local msgs = process.listen("pong", { message = true })
  local e = assert(process.spawn("remote:echo", "remote:procs@" .. t.other))
  assert(process.send(e, "ping", { x = 1, s = "é" }))
  local m = t.recv(msgs, 10)
  if not m then return false, "no pong" end
  if m:from() ~= e then return false, "from " .. tostring(m:from()) .. ", not " .. e end
  local p = m:payload()
  if m:topic() ~= "pong" or p.x ~= 1 or p.s ~= "é" then return false, "payload changed" end
  process.send(m:from(), "stop")
  return true
end
return { main = main }
