-- A sender flooding a receiver that never reads (8 MiB on a 1 MiB
-- mailbox_limit, send_pause 200ms) is paused, for at most send_pause:
-- the receiver reaches its limit and is killed with reason "mailbox",
-- and the sender goes on and finishes. A paused sender is never stalled
-- for good.
local H = require("harness")
local time = require("time")
local function main()
  local ctx = H.start()
  local done = process.listen("done")
  local d = assert(process.spawn_monitored("faults:mailer", "faults:mailbox", "deaf", "sleep"))
  local s = assert(process.spawn_monitored("faults:mailer", "faults:strict", "flood", process.pid(), d,
    1024, 8 * 1024))
  H.expect_exit(ctx, d, "mailbox", "mailbox limit exceeded", 10)
  local r = channel.select { done:case_receive(), time.after("10s"):case_receive() }
  if r.channel ~= done then return false, "the sender did not finish within 10s of the receiver's death" end
  print(string.format("backpressure: the sender's longest send took %.3fs", r.value))
  -- Paused, its send suspended once its buffers were full (a lower
  -- bound only: a slow machine makes it longer, never shorter).
  if r.value < 0.05 then return false, "the sender was never paused" end
  return true
end
return { main = main }
