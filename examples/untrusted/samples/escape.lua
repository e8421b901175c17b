-- Tries to reach the machine: there is no io, no os.execute, no debug.
return io.open("/etc/passwd"):read("a")
