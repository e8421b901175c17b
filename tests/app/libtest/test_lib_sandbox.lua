-- io, os.execute, package and the rest are as absent inside a library as
-- in the entry, both while it loads and when its functions run later.
local probe = require("probe")

local function main()
  if #probe.at_load > 0 then return false, "visible while loading: " .. table.concat(probe.at_load, ", ") end
  local later = probe.look()
  if #later > 0 then return false, "visible from a library function: " .. table.concat(later, ", ") end
  if not probe.env_is_global then return false, "the library has another environment than _G" end
  if not probe.has_process then return false, "process or channel missing in the library" end
  -- Same environment as the entry: a global the library set is ours too.
  if PROBE_LOADED ~= true then return false, "a global the library set is not ours" end
  return true
end
return { main = main }
