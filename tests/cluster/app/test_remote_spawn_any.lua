-- host@*: the live node with the most room; when one is full, the next.
-- remote:small has room for one process per node: two spawns take both
-- nodes, a third finds every node full.
local t = require("t")
local function main()
  t.ready()
  local a = assert(process.spawn_monitored("remote:exiter", "remote:small@*", "wait"))
  local b, err = process.spawn_monitored("remote:exiter", "remote:small@*", "wait")
  if not b then return false, "second spawn: " .. tostring(err) end
  local nodes = {}
  nodes[a:match("@([%w_-]+)}$")] = true
  nodes[b:match("@([%w_-]+)}$")] = true
  if not (nodes.n1 and nodes.n2) then
    return false, "not one on each node: " .. a .. " " .. b
  end
  local c, err3 = process.spawn("remote:exiter", "remote:small@*", "wait")
  if c or not tostring(err3):find("max_processes", 1, true) then
    return false, "third spawn: " .. tostring(c) .. " " .. tostring(err3)
  end
  local _, err4 = process.spawn("remote:exiter", "remote:nohost@*", "wait")
  if not tostring(err4):find("unknown host", 1, true) then
    return false, "unknown host@*: " .. tostring(err4)
  end
  for _, pid in ipairs({ a, b }) do
    process.send(pid, "go", pid)
    local ev, e = t.event(process.event.EXIT, pid)
    if not ev then return false, e end
    if ev.result ~= pid then return false, "result " .. tostring(ev.result) end
  end
  return true
end
return { main = main }
