-- Registers `name`, tells `test` ("held"), then answers pings until
-- "stop".
local function main(test, name)
  assert(process.registry.register(name))
  process.send(test, "held", process.pid())
  local inbox = process.inbox()
  while true do
    local msg = inbox:receive()
    if msg:topic() == "stop" then return true end
    if msg:topic() == "ping" then process.send(msg:from(), "pong", msg:payload()) end
  end
end
return { main = main }
