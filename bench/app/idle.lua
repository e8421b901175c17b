-- Start `n` idle processes, wait until each has said it is up, then hold
-- them for `hold` seconds so their memory can be measured from outside.
local time = require("time")
local function main(n, hold)
  n = tonumber(n) or 10000
  hold = tonumber(hold) or 5
  local up = process.listen("up")
  local t0 = time.now()
  for i = 1, n do
    local pid, err = process.spawn("bench:idler", "bench:processes", process.pid())
    if not pid then error("spawn " .. i .. ": " .. err) end
  end
  for _ = 1, n do up:receive() end
  local start = time.now() - t0
  time.sleep(hold * 1000)  -- milliseconds
  return { n = n, start_s = start }
end
return { main = main }
