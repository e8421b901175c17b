-- Says "ready", then on a CANCEL tells `test` who cancelled it ("cancel"
-- with the event's from) and returns "cancelled nicely".
local function main(test)
  local events = process.events()
  process.send(test, "ready", true)
  while true do
    local ev = events:receive()
    if ev.kind == process.event.CANCEL then
      process.send(test, "cancel", { from = ev.from, deadline = ev.deadline })
      return "cancelled nicely"
    end
  end
end
return { main = main }
