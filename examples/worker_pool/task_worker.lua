-- task_worker.lua
local time = require("time")
local function main(task)
-- 模拟工作
time.sleep("100ms")
-- 处理任务
local result = task.value * 2
return result
end
return { main = main }
