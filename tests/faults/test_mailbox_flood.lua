-- 1 MiB messages to a process that never reads them: the broker holds at
-- most mailbox_limit (8 MiB) for it, then kills it with reason "mailbox";
-- its own memory stays bounded.
local H = require("harness")
local time = require("time")
local function main()
  local ctx = H.start()
  H.warm("faults:strict")
  local before = H.snapshot()
  local pid = assert(process.spawn_monitored("faults:victim", "faults:strict", "loop"))
  local mib = string.rep("x", 1024 * 1024 - 2)	-- 1 MiB as JSON
  local peak = before.rss
  for i = 1, 64 do
    local ok, err = process.send(pid, "flood", mib)
    if not ok then return false, "send " .. i .. ": " .. tostring(err) end
    if i % 8 == 0 then
      time.sleep("10ms")
      peak = math.max(peak, H.broker_rss())
    end
  end
  H.expect_exit(ctx, pid, "mailbox", "mailbox limit exceeded", 10)
  -- Freed buffers may stay in the broker's heap: bounded, not returned.
  local after = H.expect_no_leak(before, 12 * 1024)
  print(string.format("mailbox: broker RSS %d KiB, peak %d, after %d", before.rss, peak, after.rss))
  if peak - before.rss > 32 * 1024 then
    return false, "broker RSS peaked " .. (peak - before.rss) .. " KiB above its start"
  end
  return true
end
return { main = main }
