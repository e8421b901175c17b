-- A parent that spawn_monitored a child, received one message and returned
-- "done" ended normally, every time: 1,000 runs (a few at once, some with
-- 20 children), zero misreports. The broker once took a failed write of
-- the child's EXIT event to the exiting parent for its end of stream and
-- lost the parent's own EXIT frame ("exited with status 0 without
-- reporting a result").
local time = require("time")
local RUNS, AT_ONCE = 1000, 4

local function main()
  local events = process.events()
  local running, started, ended, misreports = {}, 0, 0, 0
  local first
  local deadline = time.now() + 120
  while ended < RUNS do
    while started < RUNS and started - ended < AT_ONCE do
      started = started + 1
      local children = started % 10 == 0 and 20 or 1
      local pid = assert(process.spawn_monitored("faults:race_parent", "faults:race", children))
      running[pid] = true
    end
    local r = channel.select { events:case_receive(), time.after("10s"):case_receive() }
    if r.channel ~= events then
      return false, string.format("no EXIT within 10s (%d of %d runs ended)", ended, RUNS)
    end
    local ev = r.value
    if running[ev.from] then
      running[ev.from] = nil
      ended = ended + 1
      if ev.reason ~= "normal" or ev.result ~= "done" then
        misreports = misreports + 1
        first = first or string.format("%s (%s)", tostring(ev.reason), tostring(ev.error))
      end
    end
    if time.now() > deadline then return false, "took more than 120s" end
  end
  print(string.format("exit race: %d runs, %d misreports", RUNS, misreports))
  if misreports > 0 then
    return false, string.format("%d of %d normal returns misreported, first: %s",
      misreports, RUNS, first)
  end
  return true
end
return { main = main }
