-- Trusted: what ps shows of OS pid `ospid`: its command line (arguments
-- joined by spaces, the zero bytes at its end left out) and its name.
local function slurp(path)
  local f = io.open(path)
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end
local function main(ospid)
  local cmdline = slurp("/proc/" .. ospid .. "/cmdline") or ""
  local comm = slurp("/proc/" .. ospid .. "/comm") or ""
  return { cmdline = (cmdline:gsub("%z+$", ""):gsub("%z", " ")), comm = (comm:gsub("\n$", "")) }
end
return { main = main }
