-- Native code's ways to make room for itself or loosen its process, as raw
-- system calls from a strict process: executable memory (mmap and
-- mprotect with PROT_EXEC), advice that is not malloc's, a move onto a
-- chosen address, a prctl that writes, a filter of its own (the worker
-- installs its second filter with that prctl), setting a limit (the
-- worker sets them with prlimit64 between its two filters). Each ends the
-- process with reason "sandbox", naming the call; the bystander is
-- untouched.
local H = require("harness")
local MADV_DONTFORK, PR_SET_DUMPABLE, PR_SET_SECCOMP = 10, 4, 22
local RLIMIT_CPU, RLIMIT_AS = 0, 9
local function main()
  local ctx = H.start()
  for _, c in ipairs {
    { "mmap_exec", "mmap" }, { "mprotect_exec", "mprotect" },
    { "madvise", "madvise", MADV_DONTFORK }, { "mremap_fixed", "mremap" },
    { "prctl", "prctl", PR_SET_DUMPABLE, 1 },
    { "prctl", "prctl", PR_SET_SECCOMP, 2 },
    { "prlimit", "prlimit64", RLIMIT_CPU, 3600 },
    { "prlimit", "prlimit64", RLIMIT_AS, 1 << 40 },
  } do
    H.case(ctx, "faults:victim", "faults:strict", "sandbox",
      "sandbox: system call " .. c[2] .. " is not allowed", 5, "syscall", c[1], c[3], c[4])
  end
  -- With SIGSYS blocked the handler cannot say which call: the kernel's
  -- SIGSYS ends the process, and that is a refused call too.
  H.case(ctx, "faults:victim", "faults:strict", "sandbox",
    "sandbox: killed by SIGSYS (a refused system call)", 5, "syscall", "socket_sigsys_blocked")
  return true
end
return { main = main }
