-- A topic with a listener goes to it; other topics go to the inbox; both
-- kept until the channel exists; message objects carry topic/payload/from.
local time = require("time")
local function recv(ch)
  local r = channel.select { ch:case_receive(), time.after("3s"):case_receive() }
  if r.channel ~= ch then error("nothing received within 3s") end
  return r.value
end
local function main()
  local me = process.pid()
  assert(process.send(me, "x", 1))
  assert(process.send(me, "y", { k = "v" }))
  assert(process.send(me, "x", 2))
  local x = process.listen("x")
  if recv(x) ~= 1 or recv(x) ~= 2 then return false, "listener order" end
  local inbox = process.inbox()
  if process.inbox() ~= inbox then return false, "inbox() is not the same channel" end
  if process.listen("x") ~= x then return false, "listen(x) twice gave two channels" end
  local msg = recv(inbox)
  if msg:topic() ~= "y" or msg:payload().k ~= "v" or msg:from() ~= me then
    return false, "inbox message: " .. tostring(msg:topic()) .. " from " .. tostring(msg:from())
  end
  -- After unlisten, "x" goes to the inbox.
  assert(process.unlisten(x) == true)
  process.send(me, "x", 3)
  msg = recv(inbox)
  if msg:topic() ~= "x" or msg:payload() ~= 3 then return false, "after unlisten" end
  -- Asking for the other mode on a listened topic is an error.
  process.listen("z")
  if pcall(process.listen, "z", { message = true }) then
    return false, "listen with the other mode did not raise"
  end
  return true
end
return { main = main }
