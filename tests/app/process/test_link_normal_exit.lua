-- A normal exit removes the link silently: no LINK_DOWN, nobody killed.
local time = require("time")
local function main()
  local events = process.events()
  -- Untrapped: a linked child exiting normally must not kill us. The
  -- child waits to be told, so the monitor is in place before it exits.
  local pid = assert(process.spawn_linked("app.test.process:child_worker", "app:processes"))
  assert(process.monitor(pid))
  process.send(pid, "exit", "fine")
  local r = channel.select { events:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= events or r.value.kind ~= process.event.EXIT or r.value.reason ~= "normal" then
    return false, "expected the child's normal EXIT, got " .. tostring(r.value and r.value.reason)
  end
  -- Trapped: still no LINK_DOWN for a normal exit.
  process.set_options({ trap_links = true })
  pid = assert(process.spawn_linked("app.test.process:child_worker", "app:processes"))
  process.send(pid, "exit", "fine")
  r = channel.select { events:case_receive(), time.after("500ms"):case_receive() }
  if r.channel == events then return false, "got " .. tostring(r.value.kind) .. " for a normal exit" end
  return true
end
return { main = main }
