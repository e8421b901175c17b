-- Counts its top-level runs in a global: libraries share the entry's
-- sandbox environment, so the entry can read it.
LIB_COUNTER_RUNS = (LIB_COUNTER_RUNS or 0) + 1
local M = { value = 0, args = { ... } }
function M.bump()
  M.value = M.value + 1
  return M.value
end
return M
