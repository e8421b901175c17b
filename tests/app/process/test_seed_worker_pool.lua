-- 父进程
local time = require("time")
local function main()
local events_ch = process.events()
-- 跟踪生成的 worker
local workers = {}
local worker_count = 5
-- 生成多个受监控的 worker
for i = 1, worker_count do
local worker_pid, err = process.spawn_monitored(
"app.test.process:task_worker",
"app:processes",
{ task_id = i, value = i * 10 }
)
if err then
return false, "spawn worker " .. i .. " failed: " .. err
end
workers[worker_pid] = { task_id = i, started = os.time() }
end
-- 等待所有 worker 完成
local completed = 0
local timeout = time.after("10s")
while completed < worker_count do
local result = channel.select {
events_ch:case_receive(),
timeout:case_receive(),
}
if result.channel == timeout then
return false, "timeout waiting for workers"
end
local event = result.value
if event.kind == process.event.EXIT then
local worker = workers[event.from]
if worker then
-- (test only) what the spec's example prints, kept to be checked below
worker.error, worker.result, worker.done = event.error, event.result, (worker.done or 0) + 1
if event.error then
print("Worker " .. worker.task_id .. " failed:", event.error)
else
print("Worker " .. worker.task_id .. " completed:", event.result)
end
completed = completed + 1
end
end
end
-- (test only) the example's workers each doubled their value, once, and
-- nothing else reported: the printed results are checked, not just seen
for pid, w in pairs(workers) do
if w.done ~= 1 or w.error ~= nil or w.result ~= w.task_id * 20 then
return false, "worker " .. w.task_id .. " (" .. tostring(pid) .. "): done " .. tostring(w.done)
.. ", error " .. tostring(w.error) .. ", result " .. tostring(w.result) .. ", want " .. w.task_id * 20
end
end
return true
end
return { main = main }
