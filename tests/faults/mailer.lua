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

return { main = function(kind, ...) return mailer[kind](...) end }
