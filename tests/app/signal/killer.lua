-- Sends signal `sig` to OS pid `ospid` (test hook; trusted host only).
local function main(ospid, sig)
  local r, err = process._test_syscall("kill", ospid, sig)
  if r == nil then error("kill failed: " .. tostring(err)) end
  return r
end
return { main = main }
