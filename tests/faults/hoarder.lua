-- A parent that does not read while its children return 1 MiB each, for
-- faults:budget. parent(test, n, how): spawns n monitored children, sends
-- the test their pids, then only sleeps (how "busy": loops, never reading
-- its socket again). A child waits for "go", returns.
local time = require("time")

local function parent(test, n, how)
  local children = {}
  for i = 1, n do
    children[i] = assert(process.spawn_monitored("faults:hoarder", "faults:hoard", "child"))
  end
  process.send(test, "children", children)
  time.sleep("10ms")			-- written out by the loop
  while how == "busy" do end
  while true do time.sleep("1s") end
end

local function child()
  process.listen("go"):receive()
  return string.rep("x", 1024 * 1024 - 2)	-- 1 MiB as JSON
end

return { main = function(kind, ...)
  if kind == "parent" then return parent(...) end
  return child()
end }
