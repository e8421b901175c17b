-- Says EXIT "normal", then crashes (SIGSEGV) before ending its stream.
local function main()
  process._test_exit_then_crash()
end
return { main = main }
