-- Shared by the zygote tests: spawn monitored, wait for the EXIT.
local time = require("time")
local M = {}
local events
function M.run(entry, host, ...)
  events = events or process.events()
  local pid, err = process.spawn_monitored(entry, host, ...)
  if not pid then return nil, "spawn " .. entry .. ": " .. tostring(err) end
  while true do
    local r = channel.select { events:case_receive(), time.after("10s"):case_receive() }
    if r.channel ~= events then return nil, "no EXIT from " .. entry end
    if r.value.from == pid then return r.value end
  end
end
return M
