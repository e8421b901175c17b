-- Memory taken outside the Lua allocator is bounded by RLIMIT_AS, a little
-- above memory_limit: a 1 GiB mapping is refused.
local H = require("harness")
local function main()
  local ctx = H.start()
  local pid = assert(process.spawn_monitored("faults:victim", "faults:strict", "syscall", "mmap", 1 << 30))
  local ev = H.expect_exit(ctx, pid, "normal", nil, 10)
  local r = ev.result
  if type(r) ~= "table" or r.result ~= nil then
    return false, "a 1 GiB mapping was allowed"
  end
  if not tostring(r.error):find("memory") then return false, "mmap: " .. tostring(r.error) end
  return true
end
return { main = main }
