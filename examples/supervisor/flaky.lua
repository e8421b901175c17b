-- A service that does a few jobs, then crashes. forkbox restarts it with
-- backoff; the name "flaky" is free again by the time it restarts.
local function main(crash_every)
  assert(process.registry.register("flaky"))
  local jobs = process.listen("job")
  local events = process.events()
  local done = 0
  while true do
    local r = channel.select { jobs:case_receive(), events:case_receive() }
    if r.channel == events then
      if r.value.kind == process.event.CANCEL then
        return done                 -- the app is stopping: exit cleanly
      end
    else
      done = done + 1
      print("job " .. r.value .. " done")
      if done == crash_every then
        error("crashed on purpose after " .. done .. " jobs")
      end
    end
  end
end

return { main = main }
