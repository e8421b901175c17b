-- A process on a restricted host trying what its permissions forbid. main
-- takes a list of {op, args...} and returns, for each, {ok = bool,
-- value = what the call returned, err = its error}, so the test sees
-- every answer the broker gave.
local time = require("time")

local ops = {}

function ops.spawn(entry, host, ...) return process.spawn(entry, host, ...) end
function ops.terminate(dest) return process.terminate(dest) end
function ops.cancel(dest) return process.cancel(dest, "10s") end
function ops.link(dest) return process.link(dest) end
function ops.register(name, pid) return process.registry.register(name, pid) end
function ops.unregister(name) return process.registry.unregister(name) end
function ops.lookup(name) return process.registry.lookup(name) end
function ops.send(dest, topic, value) return process.send(dest, topic, value) end

-- Register name.1, name.2, ... for pid (false: ourselves) until refused:
-- returns how many it got.
function ops.flood(name, pid, n)
  if pid == false then pid = nil end
  for i = 1, n do
    local ok, err = process.registry.register(name .. "." .. i, pid)
    if not ok then return i - 1, err end
  end
  return n
end

-- Spawn an idle child, then flood names for it.
function ops.flood_child(host, name, n)
  local pid, err = process.spawn("faults:victim", host, "idle")
  if not pid then return nil, "spawn: " .. err end
  return ops.flood(name, pid, n)
end

-- Spawn an idle process of our own, then terminate it.
function ops.own_child(host)
  local pid, err = process.spawn("faults:victim", host, "idle")
  if not pid then return nil, "spawn: " .. err end
  return process.terminate(pid)
end

-- A grandchild whose parent (our child) has already exited: still ours.
function ops.orphan_grandchild(host)
  local events = process.events()
  local child, err = process.spawn_monitored("faults:attacker", host,
    { { "spawn", "faults:victim", host, "idle" } })
  if not child then return nil, "spawn: " .. err end
  local deadline = time.after("10s")
  while true do
    local r = channel.select { events:case_receive(), deadline:case_receive() }
    if r.channel == deadline then return nil, "child did not exit" end
    local ev = r.value
    if ev.from == child then
      local res = ev.result and ev.result[1]
      if not (res and res.ok) then
        return nil, "child: " .. tostring(ev.error or (res and res.err))
      end
      return process.terminate(res.value)
    end
  end
end

-- Register a name for a child of ours, then end: returns the child's pid.
function ops.name_child(host, name)
  local pid, err = process.spawn("faults:victim", host, "idle")
  if not pid then return nil, "spawn: " .. err end
  local ok, rerr = process.registry.register(name, pid)
  if not ok then return nil, rerr end
  return pid
end

local function main(list)
  local out = {}
  for i, c in ipairs(list) do
    local v, err = ops[c[1]](table.unpack(c, 2))
    out[i] = { ok = v ~= nil and v ~= false, value = v, err = err }
  end
  return out
end
return { main = main }
