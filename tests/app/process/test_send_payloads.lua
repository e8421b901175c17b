-- Each extra value is its own message; no value sends one nil message.
local time = require("time")
local function main()
  local me = process.pid()
  local ch = process.listen("p", { message = true })
  assert(process.send(me, "p", "one", 2, { three = 3 }))
  assert(process.send(me, "p"))
  local want = { "one", 2 }
  for i = 1, 2 do
    local m = ch:receive()
    if m:payload() ~= want[i] then return false, "payload " .. i .. " was " .. tostring(m:payload()) end
  end
  if ch:receive():payload().three ~= 3 then return false, "third payload" end
  local m = ch:receive()
  if m:payload() ~= nil then return false, "send without payload gave " .. tostring(m:payload()) end
  return true
end
return { main = main }
