-- OS-level escapes from a strict process, made as raw system calls: each
-- one ends the process with reason "sandbox", naming the call; the target
-- of kill and ptrace (the bystander) is untouched.
local H = require("harness")
local function main()
  local ctx = H.start()
  for _, c in ipairs {
    { "open", "openat" }, { "socket", "socket" }, { "fork", "clone" },
    { "execve", "execve" }, { "ptrace", "ptrace", ctx.server_ospid },
    { "kill", "kill", ctx.server_ospid, 9 }, { "close", "close", 3 },
  } do
    H.case(ctx, "faults:victim", "faults:strict", "sandbox",
      "sandbox: system call " .. c[2] .. " is not allowed", 5, "syscall", c[1], c[3], c[4])
    if not H.alive(ctx.server_ospid) then return false, c[1] .. " reached the bystander" end
  end
  return true
end
return { main = main }
