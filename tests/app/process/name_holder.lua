-- Registers the name it is given, reports, and exits when told.
local function main(test_pid, name)
  assert(process.registry.register(name))
  process.send(test_pid, "registered", name)
  return process.listen("exit"):receive()
end
return { main = main }
