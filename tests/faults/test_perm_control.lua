-- terminate, cancel and link reach only what a host's `control` allows:
-- "children" (what it spawned, and their descendants even when the
-- process in between is gone) or "none". The bystander, reached by pid or
-- by name, is untouched.
local H = require("harness")
local function main()
  local ctx = H.start()
  assert(process.registry.register("faults.bystander", ctx.server))
  local victim = ctx.server
  local a = H.attack(ctx, "faults:tight", {
    { "terminate", victim }, { "cancel", victim }, { "link", victim },
    { "terminate", "faults.bystander" }, { "cancel", "faults.bystander" },
    { "own_child", "faults:tight" }, { "orphan_grandchild", "faults:tight" },
  })
  H.refused("tight: terminate", a[1], "not permitted: terminate (host faults:tight)")
  H.refused("tight: cancel", a[2], "not permitted: cancel (host faults:tight)")
  H.refused("tight: link", a[3], "not permitted: link (host faults:tight)")
  H.refused("tight: terminate by name", a[4], "not permitted: terminate (host faults:tight)")
  H.refused("tight: cancel by name", a[5], "not permitted: cancel (host faults:tight)")
  H.allowed("tight: terminate its own child", a[6])
  H.allowed("tight: terminate a grandchild whose parent exited", a[7])
  a = H.attack(ctx, "faults:locked", {
    { "terminate", victim }, { "cancel", victim }, { "link", victim },
  })
  H.refused("locked: terminate", a[1], "not permitted: terminate (host faults:locked)")
  H.refused("locked: cancel", a[2], "not permitted: cancel (host faults:locked)")
  H.refused("locked: link", a[3], "not permitted: link (host faults:locked)")
  -- Still there, and never told to cancel.
  H.ping(ctx)
  if H.bystander_events(ctx) ~= 0 then return false, "a CANCEL reached the bystander" end
  return true
end
return { main = main }
