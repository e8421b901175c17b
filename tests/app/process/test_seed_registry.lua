local function main()
local test_name = "my_service_" .. tostring(os.time())
-- 为当前进程注册名称
local ok, err = process.registry.register(test_name)
if err then
return false, "register failed: " .. err
end
-- 查找注册的名称
local pid, lookup_err = process.registry.lookup(test_name)
if lookup_err then
return false, "lookup failed: " .. lookup_err
end
-- 验证它解析到我们的 PID
if pid ~= process.pid() then
return false, "lookup returned wrong pid"
end
return true
end
return { main = main }
