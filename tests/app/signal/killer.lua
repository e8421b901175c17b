-- Sends signal `sig` to OS pid `ospid` (test hook; trusted host only).
-- ospid is the pid as the broker sees it (/proc here is the broker's). A
-- broker that is not root forks every child, trusted ones too, into its
-- jail's PID namespace (broker/jail.c), where that number names another
-- process or none: kill(2) gets the number NSpid gives at this
-- process's own depth.
local function slurp(path)
  local f = io.open(path)
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end
local function nspids(pid)
  local t = {}
  for id in ((slurp("/proc/" .. pid .. "/status") or ""):match("NSpid:([^\n]*)") or ""):gmatch("%d+") do
    t[#t + 1] = tonumber(id)
  end
  return t
end
local function main(ospid, sig)
  local here = nspids(ospid)[#nspids("self")]
  if here == nil then error("kill failed: OS pid " .. tostring(ospid) .. " is not in this PID namespace") end
  local r, err = process._test_syscall("kill", here, sig)
  if r == nil then error("kill failed: " .. tostring(err)) end
  return r
end
return { main = main }
