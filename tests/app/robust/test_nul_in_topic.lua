-- A NUL byte in a topic is refused with nil, err; the sender lives on.
local function main()
  local me = process.pid()
  local ok, err = process.send(me, "a\0b", 1)
  if ok ~= nil or not tostring(err):find("topic") then
    return false, "send with a NUL in the topic: " .. tostring(ok) .. ", " .. tostring(err)
  end
  ok, err = process.send(me, "\0", 1)
  if ok ~= nil then return false, "send with topic \\0 accepted" end
  -- Still connected: a message to itself comes back.
  local ch = process.listen("fine")
  assert(process.send(me, "fine", 7))
  if ch:receive() ~= 7 then return false, "no message after the refusal" end
  return true
end
return { main = main }
