-- Seed section "send" (发送消息), unchanged: the receiver is the seed's
-- topic worker, which returns true once it got the message.
local time = require("time")
local function main()
  local events_ch = process.events()
  local worker_pid = process.spawn_monitored("app.test.process:topic_worker", "app:processes")
-- 通过 PID 发送到进程
local sent, err = process.send(worker_pid, "messages", "hello from parent")
if err then
return false, "send failed: " .. err
end
-- send 返回 (bool, error)
  if sent ~= true then return false, "send returned " .. tostring(sent) end
  local timeout = time.after("5s")
  local r = channel.select { events_ch:case_receive(), timeout:case_receive() }
  if r.channel == timeout then return false, "receiver never exited" end
  if r.value.kind ~= process.event.EXIT or r.value.result ~= true then
    return false, "receiver ended with " .. tostring(r.value.reason) .. " " .. tostring(r.value.error)
  end
  return true
end
return { main = main }
