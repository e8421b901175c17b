-- Sustained spawn->EXIT rate over `secs` seconds with `c` spawners, each
-- spawning one trivial process at a time.
local time = require("time")
local function main(secs, c)
  secs = tonumber(secs) or 2
  c = tonumber(c) or 1
  local counts = process.listen("count")
  local t0 = time.now()
  for _ = 1, c do
    assert(process.spawn("bench:spawner", "bench:processes", process.pid(), t0 + secs))
  end
  local total = 0
  for _ = 1, c do total = total + counts:receive() end
  local dt = time.now() - t0
  return { spawns = total, seconds = dt, spawns_per_s = total / dt }
end
return { main = main }
