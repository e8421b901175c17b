-- Seed section "spawn monitored" (带监控的生成), unchanged.
local time = require("time")
local function main()
local events_ch = process.events()
local worker_pid, err = process.spawn_monitored(
"app.test.process:events_exit_worker",
"app:processes"
)
if err then
return false, "spawn failed: " .. err
end
-- 等待 EXIT 事件
local timeout = time.after("3s")
local result = channel.select {
events_ch:case_receive(),
timeout:case_receive(),
}
if result.channel == timeout then
return false, "timeout waiting for EXIT event"
end
local event = result.value
if event.kind == process.event.EXIT then
print("Worker exited:", event.from)
if event.error then
print("Exit error:", event.error)
end
-- 通过 event.result 访问返回值
end
  if event.kind ~= process.event.EXIT or event.from ~= worker_pid then
    return false, "expected EXIT from " .. worker_pid .. ", got " .. tostring(event.kind) .. " from " .. tostring(event.from)
  end
  if event.result ~= "done" or event.error ~= nil or event.reason ~= "normal" then
    return false, "unexpected exit: " .. tostring(event.result) .. " " .. tostring(event.reason)
  end
  if type(event.at) ~= "number" or math.abs(event.at - time.now()) > 5 then
    return false, "event.at is not a current unix time"
  end
  return true
end
return { main = main }
