-- Seed section "spawn" (生成进程), unchanged, then checked.
local function main()
local pid, err = process.spawn("app.test.process:echo_worker", "app:processes", "hello")
if err then
return false, "spawn failed: " .. err
end
-- pid 是生成进程的字符串标识符
print("Started worker:", pid)
  -- The id is 16 hex digits (spec section 2).
  local id = "(" .. string.rep("%x", 16) .. ")"
  if type(pid) ~= "string" or not pid:match("^{app:processes|app%.test%.process:echo_worker|" .. id .. "}$") then
    return false, "unexpected pid format: " .. tostring(pid)
  end
  return true
end
return { main = main }
