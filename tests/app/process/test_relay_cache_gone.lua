-- The broker keeps the last envelope it relayed with its destination
-- (broker/relay.c): once that process is gone, the same envelope again
-- must be dropped, never handed to freed memory or to whatever process
-- took the gone one's place. (tests/relay-tests.sh runs this under
-- valgrind, which sees a read of the freed process.)
local time = require("time")
local function main()
  local me = process.pid()
  local events = process.events()
  local sunk = process.listen("sunk")
  local timeout = time.after("10s")
  local function next_of(ch, what)
    local r = channel.select { ch:case_receive(), timeout:case_receive() }
    if r.channel == timeout then error("timed out waiting for " .. what) end
    return r.value
  end
  -- a answers nothing: the last envelope relayed is ours to a.
  local a = assert(process.spawn_monitored("app.test.process:relay_sink", "app:processes"))
  for i = 1, 3 do assert(process.send(a, "sink", i)) end
  assert(process.terminate(a))
  local ev = next_of(events, "the first sink's exit")
  if ev.from ~= a then return false, "exit of " .. tostring(ev.from) end
  local others = {}
  for i = 1, 8 do
    others[i] = assert(process.spawn_monitored("app.test.process:relay_sink", "app:processes", me))
  end
  if process.send(a, "sink", 99) ~= true then
    return false, "send to the gone sink did not return true"
  end
  for i = 1, 8 do assert(process.send(others[i], "sink", 7)) end
  for i = 1, 8 do
    local v = next_of(sunk, "the other sinks' answers")
    if v ~= 7 then return false, "a message for a gone process reached another: " .. tostring(v) end
  end
  for i = 1, 8 do process.terminate(others[i]) end
  return true
end
return { main = main }
