-- A stream of messages with one envelope finds its listener once (the
-- worker keeps it, lmessage.c); every change of listener in the middle of
-- such a stream must still be seen: unlisten, listen in the other mode, a
-- listener closed by its owner, listen again.
local time = require("time")
-- The next value on ch, or an error after 3 s (the test must be able to fail).
local function recv(ch)
  local r = assert(channel.select { ch:case_receive(), time.after("3s"):case_receive() })
  return assert(r.channel == ch and r, "nothing received within 3s").value
end

local function main()
  local me = process.pid()
  local a = process.listen("t")
  assert(process.send(me, "t", 1))
  if recv(a) ~= 1 then return false, "first listener" end
  assert(process.send(me, "t", 1.5))
  if recv(a) ~= 1.5 then return false, "first listener, same envelope" end
  process.unlisten(a)
  local b = process.listen("t", { message = true })
  assert(process.send(me, "t", 2))
  local m = recv(b)
  if type(m) ~= "userdata" or m:payload() ~= 2 then
    return false, "after unlisten and listen in message mode: " .. tostring(m)
  end
  local v, ok = a:receive()
  if v ~= nil or ok ~= false then return false, "the unlistened channel got more" end
  b:close()
  assert(process.send(me, "t", 3))
  m = recv(process.inbox())
  if m:topic() ~= "t" or m:payload() ~= 3 then return false, "closed listener: not in the inbox" end
  v, ok = b:receive()
  if v ~= nil or ok ~= false then return false, "the closed channel got more" end
  local c = process.listen("t")
  assert(process.send(me, "t", 4))
  if recv(c) ~= 4 then return false, "listen again" end
  return true
end
return { main = main }
