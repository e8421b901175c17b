-- Run by tests/faults.sh (not a test entry) with the broker's stderr a
-- pipe nobody reads: a print flood must cost log lines, never the
-- broker's loop. Floods with n processes, times 300 ping-pongs with the
-- bystander meanwhile, and returns the round trips' p99 in microseconds.
local H = require("harness")
local time = require("time")
local function main(n)
  local ctx = H.start()
  for i = 1, tonumber(n) do
    assert(process.spawn("faults:flooder", "faults:flood", "flooder" .. i))
  end
  time.sleep("200ms")	-- the pipe is full by now, and the flood going on
  local rtts = {}
  for i = 1, 300 do
    local t0 = time.now()
    H.ping(ctx)
    rtts[i] = (time.now() - t0) * 1e6
  end
  table.sort(rtts)
  return math.floor(rtts[math.ceil(#rtts * 0.99)] + 0.5)
end
return { main = main }
