-- Start a pool of workers, hand out jobs as workers become ready, collect
-- and check the results, stop the workers, wait for them to exit.
local time = require("time")
local proto = require("proto")

local function main(njobs, nworkers)
  njobs = tonumber(njobs) or 20
  nworkers = tonumber(nworkers) or 4
  local ready = process.listen(proto.topic.ready)
  local results = process.listen(proto.topic.result)
  local events = process.events()
  local deadline = time.after("10s")

  local workers = {}
  for _ = 1, nworkers do
    local pid, err = process.spawn_monitored("pool:worker", "pool:processes",
      process.pid())
    if not pid then error("spawn failed: " .. err) end
    workers[pid] = true
  end

  local next_job, got, per_worker = 1, {}, {}
  local ngot = 0
  while ngot < njobs do
    local r = channel.select {
      ready:case_receive(), results:case_receive(), deadline:case_receive(),
    }
    if r.channel == deadline then error("pool timed out") end
    if r.channel == ready then
      local msg = assert(proto.check(r.value, "worker"))
      if next_job <= njobs then
        process.send(msg.worker, proto.topic.job, proto.job(next_job, next_job * 100))
        next_job = next_job + 1
      end
    else
      local msg = assert(proto.check(r.value, "id", "worker", "value"))
      if msg.value ~= proto.work(msg.id * 100) then
        error("wrong result for job " .. msg.id)
      end
      got[msg.id] = msg.value
      per_worker[msg.worker] = (per_worker[msg.worker] or 0) + 1
      ngot = ngot + 1
    end
  end

  for pid in pairs(workers) do
    process.send(pid, proto.topic.stop)
  end
  local exited = 0
  while exited < nworkers do
    local r = channel.select { events:case_receive(), deadline:case_receive() }
    if r.channel == deadline then error("workers did not stop") end
    if r.value.kind == process.event.EXIT and workers[r.value.from] then
      if r.value.reason ~= "normal" then
        error("worker failed: " .. tostring(r.value.error))
      end
      exited = exited + 1
    end
  end

  local busy = 0
  for _ in pairs(per_worker) do busy = busy + 1 end
  return { jobs = njobs, workers = nworkers, workers_used = busy,
           first = got[1], last = got[njobs] }
end

return { main = main }
