-- Seed section "get own pid" (获取自己的 PID), unchanged, then checked.
local function main()
local my_pid = process.pid()
-- 返回当前进程的字符串 PID
  if type(my_pid) ~= "string" then
    return false, "pid is not a string"
  end
  if not my_pid:find("app.test.process:test_seed_pid", 1, true) then
    return false, "pid does not name the entry: " .. my_pid
  end
  if process.pid() ~= my_pid then
    return false, "pid changed between calls"
  end
  return true
end
return { main = main }
