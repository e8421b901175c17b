-- A worker that sends requests and never reads the answers: what the
-- broker queues for it (replies, events, not only messages) counts
-- against its mailbox_limit (8 MiB), and it is killed with reason
-- "mailbox" (spec section 6). On the old code the broker queued twice
-- what it was sent, without bound, and the asker exited normally after
-- 64 MiB of requests.
local H = require("harness")
local function main()
  local ctx = H.start()
  H.warm("faults:strict")
  local before = H.snapshot()
  local pid = assert(process.spawn_monitored("faults:deaf", "faults:strict", 64))
  H.expect_exit(ctx, pid, "mailbox", "mailbox limit exceeded", 60)
  local after = H.expect_no_leak(before, 12 * 1024)
  print(string.format("reply flood: broker RSS %d KiB, after %d", before.rss, after.rss))
  return true
end
return { main = main }
