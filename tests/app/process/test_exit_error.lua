-- An error in main ends the process with reason "error" and the message
-- with its position; a normal return gives reason "normal" and the result.
local time = require("time")
local function next_event(events)
  local r = channel.select { events:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= events then error("no event within 5s") end
  return r.value
end
local function main()
  local events = process.events()
  local pid = assert(process.spawn_monitored("app.test.process:error_exit_worker", "app:processes"))
  local ev = next_event(events)
  if ev.from ~= pid or ev.kind ~= process.event.EXIT then return false, "wrong event" end
  if ev.reason ~= "error" or ev.result ~= nil then return false, "reason " .. tostring(ev.reason) end
  -- Chunk names are source paths relative to the app root.
  if ev.error ~= "process/error_exit_worker.lua:3: error_exit_worker failed on purpose" then
    return false, "error text: " .. tostring(ev.error)
  end
  pid = assert(process.spawn_monitored("app.test.process:events_exit_worker", "app:processes"))
  ev = next_event(events)
  if ev.reason ~= "normal" or ev.error ~= nil or ev.result ~= "done" then
    return false, "normal exit: " .. tostring(ev.reason) .. " " .. tostring(ev.error)
  end
  return true
end
return { main = main }
