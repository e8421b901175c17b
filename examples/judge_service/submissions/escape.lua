-- Tries to read a file: there is no io in the sandbox.
return io.open("/etc/passwd"):read("a")
