-- 200 concurrent monitored children: every EXIT arrives exactly once.
local time = require("time")
local function main()
  local n = 200
  local events = process.events()
  local pids = {}
  for i = 1, n do
    local pid, err = process.spawn_monitored("app.test.process:task_worker", "app:processes", { value = i })
    if not pid then return false, "spawn " .. i .. ": " .. err end
    pids[pid] = i
  end
  local seen, count = {}, 0
  local deadline = time.after("25s")
  while count < n do
    local r = channel.select { events:case_receive(), deadline:case_receive() }
    if r.channel == deadline then return false, "only " .. count .. " of " .. n .. " EXITs" end
    local ev = r.value
    local i = pids[ev.from]
    if not i then return false, "EXIT from a stranger " .. tostring(ev.from) end
    if seen[ev.from] then return false, "second EXIT from " .. ev.from end
    if ev.result ~= i * 2 then return false, "child " .. i .. " returned " .. tostring(ev.result) .. " " .. tostring(ev.error) end
    seen[ev.from] = true
    count = count + 1
  end
  local r = channel.select { events:case_receive(), time.after("300ms"):case_receive() }
  if r.channel == events then return false, "an extra event after all " .. n end
  return true
end
return { main = main }
