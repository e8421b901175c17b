-- What the kernel holds a strict worker to, read from /proc: no core, no
-- file writes, no new descriptors, an address-space cap, no new
-- privileges, a seccomp filter; and none of the isolation with sandbox
-- "none" (the limits stay).
local H = require("harness")

local function limit(limits, name)
  local soft = limits:match(name .. "%s+(%S+)")
  return soft == "unlimited" and math.huge or tonumber(soft)
end

local function main()
  local ctx = H.start()
  local pid, ospid = H.sleeper("faults:strict")
  local status = H.slurp("/proc/" .. ospid .. "/status")
  local limits = H.slurp("/proc/" .. ospid .. "/limits")
  process.terminate(pid)
  local want = {
    { "NoNewPrivs", status:match("NoNewPrivs:%s*(%d)") == "1" },
    { "seccomp filter", status:match("Seccomp:%s*(%d)") == "2" },
    { "RLIMIT_CORE 0", limit(limits, "Max core file size") == 0 },
    { "RLIMIT_FSIZE 0 (the broker's stderr must not be a regular file)",
      limit(limits, "Max file size") == 0 },
    { "RLIMIT_NOFILE 0", limit(limits, "Max open files") == 0 },
    { "RLIMIT_AS within memory_limit + 128 MiB",
      limit(limits, "Max address space") <= (32 + 128) * 1024 * 1024 },
  }
  for _, w in ipairs(want) do
    if not w[2] then return false, "strict: " .. w[1] end
  end
  H.expect_exit(ctx, pid, "terminated", nil, 5)

  pid, ospid = H.sleeper("faults:trusted")
  status = H.slurp("/proc/" .. ospid .. "/status")
  limits = H.slurp("/proc/" .. ospid .. "/limits")
  process.terminate(pid)
  if status:match("Seccomp:%s*(%d)") ~= "0" then return false, "none: seccomp on" end
  if status:match("NoNewPrivs:%s*(%d)") ~= "0" then return false, "none: NoNewPrivs" end
  if limit(limits, "Max open files") == 0 then return false, "none: RLIMIT_NOFILE 0" end
  if limit(limits, "Max address space") == math.huge then return false, "none: no RLIMIT_AS" end
  H.expect_exit(ctx, pid, "terminated", nil, 5)
  return true
end
return { main = main }
