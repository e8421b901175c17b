-- What the cluster tests share: waits with a deadline, never a bare sleep.
local time = require("time")
local lib = { other = "n2" }

-- The next value of ch within secs seconds, or nil, "timeout".
function lib.recv(ch, secs)
  local r = channel.select { ch:case_receive(), time.after(math.max(1, math.floor((secs or 10) * 1000))):case_receive() }
  if r.channel ~= ch then return nil, "timeout" end
  return r.value
end

-- The next event of kind from pid within secs, skipping others.
function lib.event(kind, pid, secs)
  local events = process.events()
  local deadline = time.now() + (secs or 10)
  while true do
    local left = deadline - time.now()
    if left <= 0 then return nil, "no " .. kind .. " from " .. tostring(pid) end
    local ev = lib.recv(events, left)
    if ev == nil then return nil, "no " .. kind .. " from " .. tostring(pid) end
    if ev.kind == kind and (pid == nil or ev.from == pid) then return ev end
  end
end

-- No event of kind from pid within secs.
function lib.no_event(kind, pid, secs)
  local ev = lib.event(kind, pid, secs)
  return ev == nil
end

-- Wait (at most 10s) until the other node is live here: a node joining
-- hears of the others at their next heartbeat.
function lib.ready()
  local deadline = time.now() + 10
  while time.now() < deadline do
    for _, n in ipairs(process.nodes()) do
      if n == lib.other then return true end
    end
    time.sleep("20ms")
  end
  error("node " .. lib.other .. " is not live here")
end

-- pid ends in @node}
function lib.on(pid, node)
  return type(pid) == "string" and pid:sub(-(#node + 2)) == "@" .. node .. "}"
end

return lib
