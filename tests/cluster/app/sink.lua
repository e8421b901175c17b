-- Registers "sink" and prints every message it gets (SINK topic from
-- payload) until "stop": what forged frames must never reach.
local function main()
  assert(process.registry.register("sink"))
  print("SINK ready")
  local inbox = process.inbox()
  while true do
    local m = inbox:receive()
    print("SINK " .. m:topic() .. " " .. tostring(m:from()) .. " " .. tostring(m:payload()))
    if m:topic() == "stop" then return true end
  end
end
return { main = main }
