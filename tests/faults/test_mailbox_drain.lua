-- A receiver that keeps reading, flooded by a faster sender (16 MiB of
-- 8 KiB messages on a 1 MiB mailbox_limit), survives and gets every
-- message; the sender is slowed to its pace: when the sender's last send
-- returned, the receiver had already taken most of the flood. Without
-- backpressure the sender finished at once and the backlog piled up.
local time = require("time")
local N, SIZE = 2048, 8 * 1024
local function main()
  local events, progress, done = process.events(), process.listen("progress"), process.listen("done")
  local r = assert(process.spawn_monitored("faults:mailer", "faults:mailbox", "drain", process.pid(), N))
  local s = assert(process.spawn_monitored("faults:mailer", "faults:strict", "flood", process.pid(), r, N, SIZE))
  local got, at_done, ended = 0, nil, {}
  local deadline = time.after("60s")
  while not (ended[r] and ended[s]) do
    local c = channel.select { progress:case_receive(), done:case_receive(), events:case_receive(),
      deadline:case_receive() }
    if c.channel == deadline then
      return false, string.format("not over within 60s: the receiver got %d of %d", got, N)
    elseif c.channel == progress then
      got = math.max(got, c.value)
    elseif c.channel == done then
      -- what the receiver said before the sender finished
      while true do
        local p = channel.select { progress:case_receive(), default = true }
        if p.default then break end
        got = math.max(got, p.value)
      end
      at_done = got
    elseif c.value.kind == process.event.EXIT then
      local ev = c.value
      if ev.from == r and (ev.reason ~= "normal" or ev.result ~= N) then
        return false, string.format("the receiver died: %s (%s), having got %d of %d",
          tostring(ev.reason), tostring(ev.error), got, N)
      end
      if ev.from == s and ev.reason ~= "normal" then
        return false, "the sender died: " .. tostring(ev.reason) .. " (" .. tostring(ev.error) .. ")"
      end
      ended[ev.from] = true
    end
  end
  print(string.format("backpressure: the sender finished when the receiver had %d of %d messages",
    at_done or -1, N))
  if not at_done or at_done < N // 2 then
    return false, string.format("the sender was not slowed: it finished when the receiver had %s of %d",
      tostring(at_done), N)
  end
  return true
end
return { main = main }
