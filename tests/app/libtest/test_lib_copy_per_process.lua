-- Two entries import app.lib:counter; each process has its own copy.
local time = require("time")
local counter = require("counter")

local function main()
  for _ = 1, 5 do counter.bump() end
  if counter.value ~= 5 then return false, "own copy at " .. tostring(counter.value) end
  local events = process.events()
  local pids = {}
  for i = 1, 2 do
    local pid, err = process.spawn_monitored("app.test.lib:counter_user", "app:processes", 3)
    if not pid then return false, "spawn: " .. err end
    pids[pid] = true
  end
  local deadline = time.after("10s")
  for _ = 1, 2 do
    local r = channel.select { events:case_receive(), deadline:case_receive() }
    if r.channel == deadline then return false, "timeout" end
    local ev = r.value
    if not pids[ev.from] then return false, "EXIT from a stranger " .. tostring(ev.from) end
    if ev.reason ~= "normal" then return false, "counter_user: " .. tostring(ev.error) end
    if ev.result.value ~= 3 then
      return false, "counter_user saw value " .. tostring(ev.result.value) .. ", want 3 (state shared?)"
    end
    if ev.result.runs ~= 1 then return false, "counter_user ran the library " .. tostring(ev.result.runs) .. " times" end
  end
  if counter.value ~= 5 then return false, "own copy changed to " .. tostring(counter.value) end
  return true
end
return { main = main }
