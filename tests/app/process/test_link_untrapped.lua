-- Untrapped: a helper linked to a failing process dies with reason "link";
-- its error says why the other died but not which pid it was, since the
-- helper's monitors were never given that pid (pids are handed on only on
-- purpose).
local time = require("time")
local function main()
  local events = process.events()
  local me = process.pid()
  local ready = process.listen("ready")
  local a = assert(process.spawn_monitored("app.test.process:chain_link", "app:processes", me))
  channel.select { ready:case_receive(), time.after("5s"):case_receive() }
  local b = assert(process.spawn_monitored("app.test.process:chain_link", "app:processes", me, a))
  channel.select { ready:case_receive(), time.after("5s"):case_receive() }
  process.terminate(a)
  local got = {}
  for _ = 1, 2 do
    local r = channel.select { events:case_receive(), time.after("5s"):case_receive() }
    if r.channel ~= events then return false, "missing EXIT" end
    got[r.value.from] = r.value
  end
  if got[a].reason ~= "terminated" then return false, "a: " .. tostring(got[a].reason) end
  if got[b].reason ~= "link" or tostring(got[b].error):find(a, 1, true) or
      got[b].error ~= "linked process exited: terminated" then
    return false, "b: " .. tostring(got[b].reason) .. " " .. tostring(got[b].error)
  end
  return true
end
return { main = main }
