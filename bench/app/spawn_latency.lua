-- spawn -> EXIT round trip of a trivial entry, n times, one at a time.
local time = require("time")
-- `host` (default bench:processes) may be on another node: "bench:processes@n2".
local function main(n, host)
  n = tonumber(n) or 1000
  local events = process.events()
  local lat = {}
  local t_all = time.now()
  for i = 1, n do
    local t0 = time.now()
    local pid, err = process.spawn_monitored("bench:trivial", host or "bench:processes")
    if not pid then error(err) end
    local ev = events:receive()
    if ev.reason ~= "normal" then error("trivial exited: " .. tostring(ev.error)) end
    lat[i] = (time.now() - t0) * 1000
  end
  local total = time.now() - t_all
  table.sort(lat)
  return { n = n, p50_ms = lat[math.ceil(n * 0.5)], p99_ms = lat[math.ceil(n * 0.99)],
           spawns_per_s = n / total }
end
return { main = main }
