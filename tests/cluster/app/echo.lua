-- Answers "ping" with "pong" (the same payload) to whoever sent it;
-- "stop" ends it with the payload as its result, "fail" with an error.
local function main()
  local inbox = process.inbox()
  while true do
    local msg = inbox:receive()
    local topic = msg:topic()
    if topic == "ping" then
      process.send(msg:from(), "pong", msg:payload())
    elseif topic == "stop" then
      return msg:payload()
    elseif topic == "fail" then
      error("boom")
    end
  end
end
return { main = main }
