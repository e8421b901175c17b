-- Seed sections "explicit monitor" and "stop monitoring", unchanged.
local time = require("time")
local function main()
local events_ch = process.events()
-- 不带监控的生成
local worker_pid, err = process.spawn("app.test.process:long_worker", "app:processes")
if err then
return false, "spawn failed: " .. err
end
-- 显式添加监控
local ok, monitor_err = process.monitor(worker_pid)
if monitor_err then
return false, "monitor failed: " .. monitor_err
end
-- 现在将接收此 worker 的 EXIT 事件
  process.send(worker_pid, "stop", "bye")
  local r = channel.select { events_ch:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= events_ch then return false, "no EXIT after monitor" end
  if r.value.from ~= worker_pid or r.value.result ~= "bye" then
    return false, "wrong EXIT: " .. tostring(r.value.from) .. " " .. tostring(r.value.result)
  end
  -- Stop monitoring a second worker: no EXIT may follow.
  worker_pid = process.spawn("app.test.process:long_worker", "app:processes")
  process.monitor(worker_pid)
local ok, err = process.unmonitor(worker_pid)
  if not ok then return false, "unmonitor failed: " .. tostring(err) end
  process.send(worker_pid, "stop", "bye")
  r = channel.select { events_ch:case_receive(), time.after("500ms"):case_receive() }
  if r.channel == events_ch then return false, "EXIT arrived after unmonitor" end
  return true
end
return { main = main }
