-- The unrelated process: answers every ping while victims die around it.
local function main()
  local inbox = process.inbox()
  while true do
    local msg = inbox:receive()
    if msg:topic() == "ping" then
      process.send(msg:from(), "pong", msg:payload())
    elseif msg:topic() == "ospid" then
      process.send(msg:from(), "ospid", process._test_ospid())
    end
  end
end
return { main = main }
