-- 8 KiB messages flooding a process that never receives, on a 1 MiB
-- mailbox_limit: it is killed with reason "mailbox" every time, 20 of 20
-- runs, whether it sleeps or waits on another topic. The broker once
-- counted only what it still held: the worker read eagerly into its own
-- heap, and whether the limit was reached depended on who ran first.
local H = require("harness")
local RUNS = 20
local function main()
  local ctx = H.start()
  local payload = string.rep("x", 8 * 1024 - 2)	-- 8 KiB as JSON
  for run = 1, RUNS do
    local how = run % 2 == 0 and "listen" or "sleep"
    local pid = assert(process.spawn_monitored("faults:mailer", "faults:mailbox", "deaf", how))
    for _ = 1, 512 do				-- 4 MiB
      assert(process.send(pid, "junk", payload))
    end
    local ok, err = pcall(H.expect_exit, ctx, pid, "mailbox", "mailbox limit exceeded", 10)
    if not ok then
      return false, string.format("run %d of %d (deaf by %s): %s", run, RUNS, how, err)
    end
  end
  print(string.format("mailbox: a deaf receiver killed in %d of %d runs", RUNS, RUNS))
  return true
end
return { main = main }
