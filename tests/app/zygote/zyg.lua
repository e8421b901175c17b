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
-- Run entry `times` times on each host; check(result, i, host) says nil, or
-- what is wrong. True, or false and the first complaint.
M.HOSTS = { "app:processes", "app.test.zygote:trusted", "app.test.zygote:nopool" }
function M.each_host(entry, times, check)
  for _, host in ipairs(M.HOSTS) do
    for i = 1, times do
      local ev, err = M.run(entry, host)
      if not ev then return false, err end
      if ev.reason ~= "normal" then return false, host .. ": " .. tostring(ev.error) end
      local bad = check(ev.result, i, host)
      if bad then return false, host .. ": " .. bad end
    end
  end
  return true
end
return M
