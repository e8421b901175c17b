-- Seed section "explicit link" and "unlink", unchanged.
local time = require("time")
local function main()
  process.set_options({ trap_links = true })
  local events = process.events()
  local target_pid = process.spawn("app.test.process:child_worker", "app:processes")
-- 链接到现有进程
local ok, err = process.link(target_pid)
if err then
return false, "link failed: " .. err
end
  process.send(target_pid, "exit", "error")
  local r = channel.select { events:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= events then return false, "no LINK_DOWN after link" end
  if r.value.kind ~= process.event.LINK_DOWN or r.value.from ~= target_pid then
    return false, "expected LINK_DOWN from target, got " .. tostring(r.value.kind)
  end
  -- After unlink, a failing target sends nothing.
  target_pid = process.spawn("app.test.process:child_worker", "app:processes")
  process.link(target_pid)
-- 取消链接
local ok, err = process.unlink(target_pid)
  if not ok then return false, "unlink failed: " .. tostring(err) end
  process.send(target_pid, "exit", "error")
  r = channel.select { events:case_receive(), time.after("500ms"):case_receive() }
  if r.channel == events then return false, "event after unlink: " .. tostring(r.value.kind) end
  return true
end
return { main = main }
