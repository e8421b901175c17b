-- Ordering across kinds: every message a process sent before it ended is
-- in the receiver's channels before its EXIT (or LINK_DOWN) is in the
-- events channel. 100 children send 4 messages each and end, half
-- normally (monitored: EXIT), half with an error (linked, trapped:
-- LINK_DOWN); the parent answers each child's first message, so the
-- broker writes to children that are exiting. On each event, the dead
-- child's messages must all be there, without waiting.
local time = require("time")
local N, COUNT = 100, 8

local function main()
  local events = process.events()
  local msgs = process.listen("last")
  assert(process.set_options { trap_links = true })
  local index, got = {}, {}
  for i = 1, N do
    local fail = i % 2 == 0
    local spawn = fail and process.spawn_linked or process.spawn_monitored
    local pid, err = spawn("app.test.process:send_then_exit", "app:processes",
      process.pid(), i, COUNT, fail)
    if not pid then return false, "spawn " .. i .. ": " .. err end
    index[pid], got[i] = i, 0
  end
  local function take(m)
    got[m.i] = got[m.i] + 1
    if m.n ~= got[m.i] then
      return false, string.format("child %d: message %d came as number %d", m.i, m.n, got[m.i])
    end
    if m.n == 1 then
      for pid, i in pairs(index) do
        if i == m.i then process.send(pid, "thanks", true) end
      end
    end
    return true
  end
  local ended = 0
  local deadline = time.after("20s")
  while ended < N do
    local r = channel.select { events:case_receive(), msgs:case_receive(), deadline:case_receive() }
    if r.channel == deadline then return false, "only " .. ended .. " of " .. N .. " children ended" end
    if r.channel == msgs then
      local ok, why = take(r.value)
      if not ok then return false, why end
    else
      local ev, i = r.value, index[r.value.from]
      if not i then return false, "event from a stranger: " .. tostring(ev.from) end
      local want = i % 2 == 0 and process.event.LINK_DOWN or process.event.EXIT
      if ev.kind ~= want then return false, "child " .. i .. ": " .. tostring(ev.kind) .. ", not " .. want end
      if i % 2 == 1 and (ev.reason ~= "normal" or ev.result ~= i) then
        return false, string.format("child %d: %s (%s)", i, tostring(ev.reason), tostring(ev.error))
      end
      -- Without blocking: what is in the message channel now.
      while true do
        local m = channel.select { msgs:case_receive(), default = true }
        if m.default then break end
        local ok, why = take(m.value)
        if not ok then return false, why end
      end
      if got[i] ~= COUNT then
        return false, string.format("child %d's %s came with %d of its %d messages in the channel",
          i, ev.kind, got[i], COUNT)
      end
      ended = ended + 1
    end
  end
  return true
end
return { main = main }
