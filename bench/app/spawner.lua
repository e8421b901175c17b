-- Spawns trivial processes one at a time until `stop_at`; sends the count.
local time = require("time")
local function main(reply_to, stop_at)
  local events = process.events()
  local n = 0
  while time.now() < stop_at do
    local pid, err = process.spawn_monitored("bench:trivial", "bench:processes")
    if not pid then error(err) end
    local ev = events:receive()
    if ev.reason ~= "normal" then error("trivial exited: " .. tostring(ev.error)) end
    n = n + 1
  end
  process.send(reply_to, "count", n)
  return n
end
return { main = main }
