-- Lead as leader@*, or stand by: the cluster name has one holder in the
-- whole cluster, and of two nodes that try at once exactly one gets it.
-- A standby monitors the leader; its EXIT (the leader ended, or its node
-- was lost: reason "noconnection") is the signal to try again.
local time = require("time")

local function lead()
  print("leading on " .. process.node())
  local inbox = process.inbox()
  while true do
    local m = inbox:receive()
    if m:topic() == "who" then
      process.send(m:from(), "leader", { node = process.node(), pid = process.pid() })
    end
  end
end

local function main()
  local events = process.events()
  while true do
    local ok, err = process.registry.register("leader@*")
    if ok then return lead() end
    if not err:find("name taken", 1, true) then
      -- No JetStream, NATS away: say so, and try again a little later.
      print("cannot elect: " .. err)
      time.sleep("1s")
    elseif process.monitor("leader@*") then
      -- Until the leader (or its node) goes; then the race starts again.
      local ev = events:receive()
      print("leader " .. ev.from .. " gone: " .. tostring(ev.reason))
    end
  end
end

return { main = main }
