-- One-way messages/s from this process through the broker to a counter
-- over `secs` seconds; the rate is what the counter received.
local time = require("time")
-- `host` (default bench:processes) may be on another node: "bench:processes@n2".
local function main(secs, size, host)
  secs = tonumber(secs) or 2
  size = tonumber(size) or 16
  local payload = string.rep("x", size)
  local counts = process.listen("count")
  local pid = assert(process.spawn("bench:counter", host or "bench:processes", process.pid()))
  local sent = 0
  local t0 = time.now()
  local stop_at = t0 + secs
  while time.now() < stop_at do
    for _ = 1, 500 do process.send(pid, "m", payload) end
    sent = sent + 500
  end
  process.send(pid, "m", false)
  local got = counts:receive()
  local total = time.now() - t0
  return { sent = sent, received = got, seconds = total, msgs_per_s = got / total, payload_bytes = size }
end
return { main = main }
