-- Breaking memory_limit ends the process with reason "memory" even where
-- Lua would turn the error into a value: inside load's reader function,
-- under pcall, or inside a
-- __gc finalizer (where an error is only a warning).
local H = require("harness")
local function main()
  local ctx = H.start()
  for _, mode in ipairs { "load_oom", "pcall_rep", "gc_oom" } do
    H.case(ctx, "faults:victim", "faults:strict", "memory", "memory limit exceeded (32 MiB)", 20, mode)
  end
  return true
end
return { main = main }
