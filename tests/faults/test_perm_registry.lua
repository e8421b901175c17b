-- A name belongs to whoever registered it (or holds it): another process
-- cannot unregister it, take it over, or register names for pids it does
-- not control; a host with `registry: false` cannot use names at all, and
-- its sends by name go nowhere.
local H = require("harness")
local time = require("time")
local function main()
  local ctx = H.start()
  local me = process.pid()
  assert(process.registry.register("faults.judge", me))
  assert(process.registry.register("faults.server", ctx.server))
  local a = H.attack(ctx, "faults:strict", {
    { "unregister", "faults.judge" }, { "unregister", "faults.server" },
    { "register", "faults.judge" }, { "lookup", "faults.judge" },
  })
  H.refused("unregister the test's own name", a[1], "not yours")
  H.refused("unregister a name the test registered for the bystander", a[2], "not yours")
  H.refused("take over a name", a[3], "name taken")
  H.allowed("lookup", a[4])
  a = H.attack(ctx, "faults:tight", { { "register", "faults.stolen", ctx.server } })
  H.refused("register a name for a pid it does not control", a[1],
    "not permitted: register for another process (host faults:tight)")
  local by_name, marker = process.listen("by_name"), process.listen("marker")
  a = H.attack(ctx, "faults:locked", {
    { "lookup", "faults.judge" }, { "register", "faults.mine" },
    { "unregister", "faults.judge" },
    { "send", "faults.judge", "by_name", 1 }, { "send", me, "marker", 1 },
  })
  H.refused("locked: lookup", a[1], "not permitted: lookup (host faults:locked)")
  H.refused("locked: register", a[2], "not permitted: register (host faults:locked)")
  H.refused("locked: unregister", a[3], "not permitted: unregister (host faults:locked)")
  local r = channel.select { marker:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= marker then return false, "the message sent by pid did not arrive" end
  r = channel.select { by_name:case_receive(), default = true }
  if not r.default then return false, "a locked process reached a name" end
  if process.registry.lookup("faults.judge") ~= me or
      process.registry.lookup("faults.server") ~= ctx.server then
    return false, "a name changed hands"
  end
  assert(process.registry.lookup("faults.stolen") == nil)
  return true
end
return { main = main }
