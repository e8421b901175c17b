-- A process spawns only on the hosts its host's permissions list (default:
-- its own): a strict script cannot respawn itself on a sandbox-none host,
-- a CPU-limited one cannot escape its limit on a looser host, and a
-- locked-down host (spawn: []) spawns nothing, and nobody spawns on the
-- built-in host of an app that has hosts.
local H = require("harness")
local function main()
  local ctx = H.start()
  local a = H.attack(ctx, "faults:strict", {
    { "spawn", "faults:attacker", "faults:trusted", {} },
    { "spawn", "faults:quick", "faults:strict", 1 },
  })
  H.refused("strict spawning on trusted", a[1], "not permitted: spawn on faults:trusted (host faults:strict)")
  H.allowed("strict spawning on its own host", a[2])
  a = H.attack(ctx, "faults:cpu", { { "spawn", "faults:victim", "faults:strict", "loop" } })
  H.refused("cpu-limited spawning on strict", a[1], "not permitted: spawn on faults:strict (host faults:cpu)")
  a = H.attack(ctx, "faults:locked", {
    { "spawn", "faults:quick", "faults:locked", 1 },
    { "spawn", "faults:quick", "faults:strict", 1 },
  })
  H.refused("locked spawning on its own host", a[1], "not permitted: spawn on faults:locked (host faults:locked)")
  H.refused("locked spawning on strict", a[2], "not permitted: spawn on faults:strict (host faults:locked)")
  a = H.attack(ctx, "faults:tight", { { "spawn", "faults:quick", "faults:tight", 1 } })
  H.allowed("tight spawning on a host it lists", a[1])
  -- The built-in host is there only for an app without hosts: in this
  -- one it is no host at all, whatever a spawn list says.
  local pid, err = process.spawn("faults:quick", "forkbox:default", 1)
  if pid or err ~= "unknown host: forkbox:default" then
    return false, "spawn on forkbox:default in an app with hosts: " .. tostring(pid or err)
  end
  H.ping(ctx)
  return true
end
return { main = main }
