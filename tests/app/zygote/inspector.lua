-- Trusted: the parent of OS pid `ospid` and of this process (both must be
-- the broker), from /proc; with `find`, the broker's zygote's OS pid.
local function ppid(pid)
  local f = io.open("/proc/" .. pid .. "/stat")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return tonumber(s:match("%) %a (%d+)"))
end
local function zygote(broker)
  local p = io.popen("pgrep -P " .. broker .. " -x forkbox-zygote")
  local out = p:read("a")
  p:close()
  return tonumber(out:match("(%d+)"))
end
local function main(ospid, find)
  local broker = ppid("self")
  local r = { broker = broker, self_zygote = process._test_zygote() }
  if ospid then r.ppid = ppid(ospid) end
  if find then r.zygote = zygote(broker) end
  return r
end
return { main = main }
