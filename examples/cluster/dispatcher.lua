-- Spreads `count` jobs over the other live nodes (round robin over
-- "cluster:workers@NODE"), at most `inflight` at a time, monitoring each.
-- A job whose node is lost ends with reason "noconnection": it goes back
-- in the queue and runs on a node that is still there. Returns how many
-- jobs each node did and how many were resubmitted.
local time = require("time")

local function others()
  local list = {}
  for _, name in ipairs(process.nodes()) do
    if name ~= process.node() then list[#list + 1] = name end
  end
  return list
end

local function main(count, inflight, ms)
  count = tonumber(count) or 20
  inflight = tonumber(inflight) or 8
  ms = tonumber(ms) or 200
  local events = process.events()
  local queue, running, done = {}, {}, {}
  for n = 1, count do queue[#queue + 1] = n end
  local per_node, resubmitted, next_node, ndone = {}, 0, 1, 0
  local deadline = time.after("120s")

  -- Starts queued jobs until `inflight` run. A refused spawn (its node
  -- just went away, or is full) puts the job back; with nothing running
  -- it waits a little and asks again, until the deadline.
  local function start()
    while #queue > 0 and #running < inflight do
      local nodes = others()
      local pid, err, node
      if #nodes == 0 then
        err = "no other node is up"
      else
        next_node = next_node % #nodes + 1
        node = nodes[next_node]
        pid, err = process.spawn_monitored("cluster:job", "cluster:workers@" .. node, queue[1], ms)
      end
      if pid then
        running[pid] = table.remove(queue, 1)
        running[#running + 1] = pid
      else
        print("spawn on " .. tostring(node) .. " refused: " .. err)
        if #running > 0 then return end
        local r = channel.select { time.after("200ms"):case_receive(), deadline:case_receive() }
        if r.channel == deadline then return end
      end
    end
  end

  local function forget(pid)
    running[pid] = nil
    for i, p in ipairs(running) do
      if p == pid then table.remove(running, i) break end
    end
  end

  start()
  while ndone < count do
    if #running == 0 then
      return nil, "gave up with " .. (count - ndone) .. " jobs not done: no node takes them"
    end
    local r = channel.select { events:case_receive(), deadline:case_receive() }
    if r.channel == deadline then
      return nil, "gave up with " .. (count - ndone) .. " jobs not done"
    end
    local ev = r.value
    local n = running[ev.from]
    if ev.kind == process.event.EXIT and n then
      forget(ev.from)
      if ev.reason == "normal" then
        local node = ev.result.node
        per_node[node] = (per_node[node] or 0) + 1
        done[n] = ev.result.square
        ndone = ndone + 1
      else
        -- "noconnection": the job's node is lost, the job with it.
        print("job " .. n .. " lost (" .. ev.reason .. "), resubmitting")
        resubmitted = resubmitted + 1
        queue[#queue + 1] = n
      end
    end
    start()
  end
  for n = 1, count do assert(done[n] == n * n, "job " .. n) end
  return { done = ndone, per_node = per_node, resubmitted = resubmitted }
end

return { main = main }
