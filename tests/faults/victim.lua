-- Every way a process can misbehave, by name (the raw ones need the test
-- build of the worker, forkbox-worker-test).
local time = require("time")

local victims = {}

-- Tell the parent our OS pid, then wait to be signalled.
function victims.sleeper(parent)
  process.send(parent, "ospid", process._test_ospid())
  process.listen("never"):receive()
end

-- The same, then busy in Lua for ever: it never reads its socket again.
function victims.busy(parent)
  process.send(parent, "ospid", "busy " .. process._test_ospid())
  time.sleep("100ms")			-- written out by the loop
  while true do end
end

-- Grows a table for ever, telling the parent its heap size now and then.
function victims.table_bomb(parent)
  local t = {}
  for i = 1, math.maxinteger do
    t[i] = { i, tostring(i) }
    if i % 20000 == 0 then process.send(parent, "heap", collectgarbage("count")) end
  end
end

-- Waits for ever, quietly: a target to aim at.
function victims.idle()
  process.listen("never"):receive()
end

-- Tells the parent the topic of every message it gets.
function victims.echo(parent)
  local inbox = process.inbox()
  while true do
    process.send(parent, "echo", inbox:receive():topic())
  end
end

-- More than memory_limit, less than RLIMIT_AS: only the allocator's cap
-- stops it.
function victims.rep_bomb()
  return #string.rep("x", 36 << 20)
end

-- The memory limit broken where Lua turns the error into a value: inside
-- load's reader function (load returns nil, "not enough memory")...
function victims.load_oom()
  local n = 0
  local f, err = load(function()
    n = n + 1
    if n == 1 then return string.rep("x", 40 << 20) end
  end)
  return "caught: " .. tostring(f) .. " " .. tostring(err)
end

-- ... under pcall (held before the two others were found; kept as a
-- guard)...
function victims.pcall_rep()
  return tostring(pcall(string.rep, "x", 40 << 20))
end

-- ... and inside a finalizer (an error in __gc is only a warning).
function victims.gc_oom()
  setmetatable({}, { __gc = function()
    local t = {}
    for i = 1, math.maxinteger do t[i] = { i } end
  end })
  for _ = 1, 200000 do local _ = { "garbage" } end
  return "survived"
end

function victims.loop()
  while true do end
end

-- One string.find call that backtracks for hours: no hook runs inside it.
function victims.pattern()
  local s = string.rep("a", 40)
  return string.find(s, string.rep("a*", 14) .. "b")
end

-- A raw system call; returns what it returned when it was not stopped.
function victims.syscall(name, a, b)
  local r, err = process._test_syscall(name, a, b)
  return { result = r, error = err }
end

-- Half a frame, then the connection closed while the process lives on.
function victims.truncated()
  process._test_write_raw(string.pack("<I4I2I2I8I4", 100, 17, 0, 0, 20) .. "{\"to\":")
  time.sleep("100ms")			-- written out by the loop
  assert(process._test_syscall("close", 3))
  time.sleep("60s")
end

-- Most of a frame of (mib + 1) MiB, then nothing: the broker holds what
-- came as its partial input (faults:halfsend).
function victims.halfsend(mib)
  local body = tonumber(mib) * 1024 * 1024
  process._test_write_raw(string.pack("<I4I2I2I8I4", body + 1024 * 1024, 17, 0, 0, 20) ..
    string.rep("x", body))
  time.sleep("60s")
end

-- The connection closed, nothing else wrong: the process must not linger.
function victims.closed()
  assert(process._test_syscall("close", 3))
  time.sleep("60s")
end

local function main(kind, ...)
  return victims[kind](...)
end
return { main = main }
