-- The two ends of a flood, for the mailbox and backpressure tests.
local time = require("time")

local mailer = {}

-- Never receives anything: sleeps, or waits on a topic nobody sends to.
function mailer.deaf(how)
  if how == "listen" then
    process.listen("never"):receive()
  end
  while true do time.sleep("1s") end
end

-- Receives n messages on "m", slowly (a short sleep every 4), telling
-- parent how many it has every 32; returns n.
function mailer.drain(parent, n)
  local m = process.listen("m")
  for i = 1, n do
    m:receive()
    if i % 4 == 0 then time.sleep("2ms") end
    if i % 32 == 0 then process.send(parent, "progress", i) end
  end
  process.send(parent, "progress", n)
  return n
end

-- Sends n messages of size bytes to dest as fast as it can, then tells
-- parent "done" with the longest time one send took (s).
function mailer.flood(parent, dest, n, size)
  local payload = string.rep("x", size - 2)	-- size bytes as JSON
  local longest, last = 0, time.now()
  for _ = 1, n do
    assert(process.send(dest, "m", payload))
    local now = time.now()
    if now - last > longest then longest = now - last end
    last = now
  end
  process.send(parent, "done", longest)
  return longest
end

-- Returns 8 KiB: its monitor's EXIT event carries them.
function mailer.give()
  return string.rep("y", 8 * 1024 - 2)
end

-- Takes every message the test sends, round after round, by every way a
-- message can be taken (see test_mailbox_through); says "done" after
-- each round.
function mailer.through(test, rounds)
  local ctl = process.listen("ctl")
  local a, d
  local function wait_sent() assert(ctl:receive() == "sent") end
  local function take(ch, n, msgmode)
    for _ = 1, n do
      local v = ch:receive()
      if msgmode then v = v:payload() end
      assert(#v == 8 * 1024 - 2)
    end
  end
  for round = 1, rounds do
    local mode = (round - 1) // 8
    if mode == 0 then		-- kept before listen
      wait_sent()
      local c = process.listen("c")
      take(c, 64)
      process.unlisten(c)
    elseif mode == 1 then	-- a listener
      a = a or process.listen("a")
      take(a, 64)
      wait_sent()
    elseif mode == 2 then	-- message mode
      d = d or process.listen("d", { message = true })
      take(d, 64, true)
      wait_sent()
    elseif mode == 3 then	-- given up: unlisten with them buffered
      local e = process.listen("e")
      process.send(test, "listening", round)
      wait_sent()
      process.unlisten(e)
    elseif mode == 4 then	-- events, kept before events() the first time
      for _ = 1, 8 do assert(process.spawn_monitored("faults:mailer", "faults:mailbox", "give")) end
      local n = 0
      while n < 8 do
        local ev = process.events():receive()
        if ev.kind == process.event.EXIT then assert(#ev.result == 8 * 1024 - 2); n = n + 1 end
      end
      wait_sent()
    else			-- the inbox
      local inbox = process.inbox()
      for _ = 1, 64 do assert(#inbox:receive():payload() == 8 * 1024 - 2) end
      wait_sent()
    end
    process.send(test, "done", round)
  end
  return rounds
end

return { main = function(kind, ...) return mailer[kind](...) end }
