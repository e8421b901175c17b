-- control: children: may terminate its own child on another node, not a
-- process there that someone else spawned (victim).
local function main(test, victim)
  local got = {}
  local child, err = process.spawn("remote:exiter", "remote:procs@n2", "wait")
  if not child then
    process.send(test, "tried", { spawn = err })
    return false
  end
  local ok, e1 = process.terminate(child)
  got.own = ok and true or e1
  local ok2, e2 = process.terminate(victim)
  got.other = ok2 and true or e2
  process.send(test, "tried", got)
  return true
end
return { main = main }
