-- What a process takes leaves its mailbox, whichever way it takes it: 48
-- rounds of 512 KiB (24 MiB in all) through a 1 MiB mailbox_limit, taken
-- from messages kept before listen, a listener, message mode, the inbox,
-- EXIT events with 8 KiB results, and given up by unlisten with them
-- still buffered. A count that forgot any of them would grow round after
-- round until the receiver was killed with reason "mailbox".
local time = require("time")
local ROUNDS = 48
local TOPICS = { "c", "a", "d", "e", "-", "b" }
local function main()
  local events, done, listening = process.events(), process.listen("done"), process.listen("listening")
  local r = assert(process.spawn_monitored("faults:mailer", "faults:mailbox", "through", process.pid(), ROUNDS))
  local payload = string.rep("x", 8 * 1024 - 2)
  local function wait(ch, what, round)
    local c = channel.select { ch:case_receive(), events:case_receive(), time.after("10s"):case_receive() }
    if c.channel == events and c.value.from == r then
      error(string.format("round %d: the receiver died: %s (%s)", round, tostring(c.value.reason),
        tostring(c.value.error)), 0)
    end
    if c.channel ~= ch then error(string.format("round %d: no %s within 10s", round, what), 0) end
  end
  local ok, err = pcall(function()
    for round = 1, ROUNDS do
      local topic = TOPICS[(round - 1) // 8 + 1]
      if topic == "e" then wait(listening, "listen", round) end
      if topic ~= "-" then
        for _ = 1, 64 do assert(process.send(r, topic, payload)) end
      end
      process.send(r, "ctl", "sent")
      wait(done, "round", round)
    end
  end)
  if not ok then return false, err end
  local c = channel.select { events:case_receive(), time.after("10s"):case_receive() }
  if c.channel ~= events or c.value.reason ~= "normal" or c.value.result ~= ROUNDS then
    return false, "the receiver did not end normally: " .. tostring(c.value and c.value.error)
  end
  print(string.format("mailbox: %d MiB taken through a 1 MiB mailbox", ROUNDS // 2))
  return true
end
return { main = main }
