-- Seed section "unregister" (取消注册名称), unchanged, then checked.
local function main()
  local test_name = "unregister_me_" .. tostring(os.time())
  assert(process.registry.register(test_name))
-- 显式取消注册
local unregistered = process.registry.unregister(test_name)
if not unregistered then
print("Name was not registered")
end
-- 取消注册后查找返回 nil + error
local pid, err = process.registry.lookup(test_name)
-- pid 将是 nil,err 将是非 nil
  if unregistered ~= true then return false, "unregister returned " .. tostring(unregistered) end
  if pid ~= nil or type(err) ~= "string" then return false, "lookup after unregister found " .. tostring(pid) end
  if process.registry.unregister(test_name) ~= false then
    return false, "second unregister should return false"
  end
  return true
end
return { main = main }
