-- A pool worker: says it is ready, does each job it gets, stops when told.
local proto = require("proto")

local function main(dispatcher)
  local jobs = process.listen(proto.topic.job)
  local stop = process.listen(proto.topic.stop)
  local me = process.pid()
  local done = 0
  process.send(dispatcher, proto.topic.ready, proto.ready(me))
  while true do
    local r = channel.select { jobs:case_receive(), stop:case_receive() }
    if r.channel == stop then
      return done
    end
    local job = assert(proto.check(r.value, "id", "n"))
    process.send(dispatcher, proto.topic.result,
      proto.result(job.id, me, proto.work(job.n)))
    done = done + 1
    process.send(dispatcher, proto.topic.ready, proto.ready(me))
  end
end

return { main = main }
