-- Run by tests/faults.sh under setarch: the personality this trusted
-- process inherited, and the one a strict worker has.
local H = require("harness")
local function personality(path)
  return (H.slurp(path) or "?"):gsub("%s+$", "")
end
local function main()
  local pid, ospid = H.sleeper("faults:strict")
  local worker = personality("/proc/" .. ospid .. "/personality")
  process.terminate(pid)
  return { self = personality("/proc/self/personality"), worker = worker }
end
return { main = main }
