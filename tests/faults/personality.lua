-- Run by tests/faults.sh under setarch: the personality this trusted
-- process inherited, and the one a strict worker has.
local H = require("harness")
local time = require("time")
local function personality(path)
  return (H.slurp(path) or "?"):gsub("%s+$", "")
end
local function main()
  local ospids = process.listen("ospid")
  local pid = assert(process.spawn_monitored("faults:victim", "faults:strict", "sleeper", process.pid()))
  local r = channel.select { ospids:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= ospids then error("no OS pid from the worker") end
  local worker = personality("/proc/" .. r.value .. "/personality")
  process.terminate(pid)
  return { self = personality("/proc/self/personality"), worker = worker }
end
return { main = main }
