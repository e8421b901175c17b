-- SIGSEGV sent to a worker's OS pid from outside: its monitor gets EXIT
-- "signal", the broker and the bystander carry on, nothing leaks.
local H = require("harness")
local time = require("time")
local function main()
  local ctx = H.start()
  H.warm("faults:strict")
  local before = H.snapshot()
  local ospids = process.listen("ospid")
  local pid = assert(process.spawn_monitored("faults:victim", "faults:strict", "sleeper", process.pid()))
  local r = channel.select { ospids:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= ospids then return false, "the victim did not tell its OS pid" end
  assert(process._test_syscall("kill", r.value, 11))
  H.expect_exit(ctx, pid, "signal", "crashed with signal 11 (SIGSEGV)")
  local after = H.expect_no_leak(before, 5 * 1024)
  print(string.format("SIGSEGV: broker RSS %d -> %d KiB", before.rss, after.rss))
  return true
end
return { main = main }
