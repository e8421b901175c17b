-- Trusted: the parent of OS pid `ospid` and of this process (both must be
-- the broker), and what ps shows of `ospid` (its command line, arguments
-- joined by spaces, the zero bytes at its end left out, and its name),
-- from /proc; with `find`, the broker's zygote's OS pid; with `heap`, the
-- Private_Dirty and Shared_Dirty KiB of `ospid`'s [heap] mappings.
local slurp = require("procfs").slurp
local function ppid(pid)
  local s = slurp("/proc/" .. pid .. "/stat")
  return s and tonumber(s:match("%) %a (%d+)"))
end
local function zygote(broker)
  local p = io.popen("pgrep -P " .. broker .. " -x forkbox-zygote")
  local out = p:read("a")
  p:close()
  return tonumber(out:match("(%d+)"))
end
local function heap(pid)
  local h, name = { private = 0, shared = 0 }, nil
  for line in (slurp("/proc/" .. pid .. "/smaps") or ""):gmatch("[^\n]+") do
    if line:match("^%x+%-%x+ ") then
      name = line:match("(%S+)$")
    elseif name == "[heap]" then
      local k, v = line:match("^(%a+)_Dirty:%s+(%d+)")
      if k == "Private" then h.private = h.private + tonumber(v) end
      if k == "Shared" then h.shared = h.shared + tonumber(v) end
    end
  end
  return h
end
local function main(ospid, find, want_heap)
  local broker = ppid("self")
  local r = { broker = broker, self_zygote = process._test_zygote() }
  if ospid then
    r.ppid = ppid(ospid)
    r.cmdline = (slurp("/proc/" .. ospid .. "/cmdline") or ""):gsub("%z+$", ""):gsub("%z", " ")
    r.comm = (slurp("/proc/" .. ospid .. "/comm") or ""):gsub("\n$", "")
  end
  if find then r.zygote = zygote(broker) end
  if want_heap then r.heap = heap(ospid) end
  return r
end
return { main = main }
