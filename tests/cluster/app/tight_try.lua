-- On the locked-down host: everything it tries on another node is
-- refused, as it would be on its own. Reports what it got to `test`.
local function main(test, victim)
  local got = {}
  local _, e1 = process.spawn("remote:echo", "remote:procs@n2")
  got.spawn = e1
  local _, e2 = process.terminate(victim)
  got.terminate = e2
  local _, e3 = process.link(victim)
  got.link = e3
  local _, e4 = process.registry.lookup("nobody@n2")
  got.lookup = e4
  local _, e5 = process.monitor("nobody@n2")
  got.monitor = e5
  process.send(test, "tried", got)
  return true
end
return { main = main }
