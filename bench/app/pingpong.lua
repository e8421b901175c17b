-- Ping-pong round trips between two processes over `secs` seconds.
local time = require("time")
-- `host` (default bench:processes) may be on another node: "bench:processes@n2".
local function main(secs, host)
  secs = tonumber(secs) or 2
  local pongs = process.listen("pong")
  local pid = assert(process.spawn("bench:ponger", host or "bench:processes"))
  local lat = {}
  local n = 0
  local t0 = time.now()
  local stop_at = t0 + secs
  while true do
    local t1 = time.now()
    if t1 >= stop_at then break end
    process.send(pid, "ping", n)
    pongs:receive()
    n = n + 1
    lat[n] = (time.now() - t1) * 1e6
  end
  local total = time.now() - t0
  -- The ponger loops for ever: on another node it would outlive this run.
  process.terminate(pid)
  table.sort(lat)
  return { round_trips = n, per_s = n / total, p50_us = lat[math.ceil(n * 0.5)], p99_us = lat[math.ceil(n * 0.99)] }
end
return { main = main }
