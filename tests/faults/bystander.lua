-- The unrelated process: answers every ping while victims die around it,
-- and says how many events (a CANCEL, say) have reached it.
local function main()
  local inbox, events, nevents = process.inbox(), process.events(), 0
  while true do
    local r = channel.select { inbox:case_receive(), events:case_receive() }
    if r.channel == events then
      nevents = nevents + 1
    else
      local msg = r.value
      if msg:topic() == "ping" then
        process.send(msg:from(), "pong", msg:payload())
      elseif msg:topic() == "ospid" then
        process.send(msg:from(), "ospid", process._test_ospid())
      elseif msg:topic() == "events" then
        process.send(msg:from(), "events", nevents)
      end
    end
  end
end
return { main = main }
