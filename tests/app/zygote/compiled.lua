-- A library the zygote compiled once: its top level still runs in every
-- process that requires it, in that process.
local M = { pid = process.pid() }
function M.fail()
  error("from the library")
end
return M
