-- Run by tests/faults.sh: the jail's holder is killed from outside (as an
-- operator's mistake or an OOM killer would); a strict spawn afterwards
-- must be refused, never run without its namespaces. Returns what the
-- spawn answered.
local H = require("harness")
local time = require("time")
local function main()
  local broker = H.broker_pid()
  local holder
  for pid in (H.slurp("/proc/" .. broker .. "/task/" .. broker .. "/children") or ""):gmatch("%d+") do
    if (H.slurp("/proc/" .. pid .. "/status") or ""):match("NSpid:%s*%d+%s+1%s*\n") then holder = pid end
  end
  if not holder then return { error = "no holder found" } end
  assert(process._test_syscall("kill", H.local_pid(holder), 9))
  H.wait_for("the holder to be reaped", 5, function() return not H.alive(holder) end)
  time.sleep("100ms")		-- the broker's SIGCHLD pass
  local pid, err = process.spawn("faults:quick", "faults:strict", 0)
  return { spawned = pid ~= nil, error = err }
end
return { main = main }
