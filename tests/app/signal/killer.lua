-- Sends signal `sig` to OS pid `ospid`, the pid as the broker sees it
-- (test hook; trusted host only): kill(2) gets the number this process's
-- PID namespace gives it (procfs.here).
local procfs = require("procfs")
local function main(ospid, sig)
  local here = procfs.here(ospid)
  if here == nil then error("kill failed: OS pid " .. tostring(ospid) .. " is not in this PID namespace") end
  local r, err = process._test_syscall("kill", here, sig)
  if r == nil then error("kill failed: " .. tostring(err)) end
  return r
end
return { main = main }
