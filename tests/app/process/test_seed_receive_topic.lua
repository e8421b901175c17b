-- Seed section "receive by topic": the seed's worker (topic_worker.lua,
-- unchanged) gets a payload on "messages" and returns true.
local time = require("time")
local function main()
  local events = process.events()
  local pid, err = process.spawn_monitored("app.test.process:topic_worker", "app:processes")
  if err then return false, "spawn failed: " .. err end
  -- Another topic first: it must not wake the listener.
  process.send(pid, "unrelated", "ignored")
  process.send(pid, "messages", { text = "hi" })
  local timeout = time.after("5s")
  local r = channel.select { events:case_receive(), timeout:case_receive() }
  if r.channel == timeout then return false, "no EXIT from topic worker" end
  if r.value.result ~= true then
    return false, "topic worker returned " .. tostring(r.value.result) .. " / " .. tostring(r.value.error)
  end
  return true
end
return { main = main }
