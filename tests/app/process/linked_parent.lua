-- Helper: spawns a linked child exactly as the seed does, tells the test
-- the child's pid, and fails when told to.
local function main(test_pid)
-- 如果父进程崩溃,子进程终止(除非设置了 trap_links)
local pid, err = process.spawn_linked("app.test.process:child_worker", "app:processes")
if err then
return false, "spawn_linked failed: " .. err
end
  process.send(test_pid, "child", pid)
  process.listen("fail"):receive()
  error("parent fails on purpose")
end
return { main = main }
