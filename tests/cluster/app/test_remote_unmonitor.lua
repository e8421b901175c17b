-- After unmonitor of a process on another node returns, no EXIT of that
-- monitor arrives, even when the process ends right away.
local t = require("t")
local host = "remote:procs@" .. t.other
local function main()
  t.ready()
  for i = 1, 20 do
    local p = assert(process.spawn_monitored("remote:exiter", host, "wait"))
    process.send(p, "go", i)
    assert(process.unmonitor(p))
    if not t.no_event(process.event.EXIT, p, 0.05) then
      return false, "EXIT after unmonitor (round " .. i .. ")"
    end
  end
  -- A monitor still set fires.
  local q = assert(process.spawn_monitored("remote:exiter", host, "wait"))
  process.send(q, "go", "x")
  local ev, err = t.event(process.event.EXIT, q)
  if not ev then return false, err end
  return true
end
return { main = main }
