-- Seed section "receive by inbox": the seed's worker (inbox_worker.lua,
-- unchanged) loops forever over its inbox and one topic. Both kinds of
-- message must be consumed without the worker failing.
local time = require("time")
local function main()
  local events = process.events()
  local pid, err = process.spawn_monitored("app.test.process:inbox_worker", "app:processes")
  if err then return false, "spawn failed: " .. err end
  for i = 1, 20 do
    process.send(pid, "specific_topic", i)
    process.send(pid, "other_topic_" .. i, { n = i })
  end
  -- Still alive after handling all of them?
  local r = channel.select { events:case_receive(), time.after("500ms"):case_receive() }
  if r.channel == events then
    return false, "inbox worker exited: " .. tostring(r.value.reason) .. " " .. tostring(r.value.error)
  end
  process.terminate(pid)
  r = channel.select { events:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= events or r.value.reason ~= "terminated" then
    return false, "inbox worker did not end by terminate"
  end
  return true
end
return { main = main }
