-- /proc as a trusted test process reads it (the broker's /proc).
local M = {}

-- The whole of a file, or nil.
function M.slurp(path)
  local f = io.open(path)
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

-- The numbers of OS pid `pid` (as the broker sees it), outermost first.
function M.nspids(pid)
  local t = {}
  for id in ((M.slurp("/proc/" .. pid .. "/status") or ""):match("NSpid:([^\n]*)") or ""):gmatch("%d+") do
    t[#t + 1] = tonumber(id)
  end
  return t
end

-- OS pid `pid` as this process's own PID namespace numbers it, or nil.
-- A broker that is not root forks every child, trusted ones too, into its
-- jail's PID namespace (broker/jail.c), where the broker's number names
-- another process or none.
function M.here(pid)
  return M.nspids(pid)[#M.nspids("self")]
end

return M
