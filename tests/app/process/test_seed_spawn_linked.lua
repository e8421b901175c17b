-- Seed section "spawn linked", unchanged: the child must die with us.
-- The parent here is a helper that spawns a linked child, reports the
-- child's pid, then fails; the child must end with reason "link".
local time = require("time")
local function main()
  local events = process.events()
  local parent = process.spawn_monitored("app.test.process:linked_parent", "app:processes", process.pid())
  local inbox = process.listen("child")
  local r = channel.select { inbox:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= inbox then return false, "parent never reported its child" end
  local child = r.value
  process.monitor(child)
  process.send(parent, "fail", true)
  local seen = {}
  local deadline = time.after("5s")
  while not (seen[parent] and seen[child]) do
    r = channel.select { events:case_receive(), deadline:case_receive() }
    if r.channel == deadline then return false, "missing EXIT events" end
    seen[r.value.from] = r.value
  end
  if seen[parent].reason ~= "error" then return false, "parent reason " .. tostring(seen[parent].reason) end
  if seen[child].reason ~= "link" then return false, "child reason " .. tostring(seen[child].reason) end
  return true
end
return { main = main }
