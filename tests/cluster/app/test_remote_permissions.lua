-- A host's permissions hold across nodes: the locked-down host may do
-- nothing there; control: children reaches its own child there only.
local t = require("t")
local function main()
  t.ready()
  local me = process.pid()
  local tried = process.listen("tried")
  local victim = assert(process.spawn("remote:exiter", "remote:procs@" .. t.other, "wait"))
  assert(process.spawn("remote:tight_try", "remote:tight", me, victim))
  local got = t.recv(tried, 10)
  if not got then return false, "tight: no report" end
  local want = {
    spawn = "not permitted: spawn on remote:procs (host remote:tight)",
    terminate = "not permitted: terminate (host remote:tight)",
    link = "not permitted: link (host remote:tight)",
    lookup = "not permitted: lookup (host remote:tight)",
    monitor = "not permitted: monitor by name (host remote:tight)",
  }
  for k, v in pairs(want) do
    if got[k] ~= v then return false, "tight " .. k .. ": " .. tostring(got[k]) end
  end
  assert(process.spawn("remote:kids_try", "remote:kids", me, victim))
  got = t.recv(tried, 10)
  if not got then return false, "kids: no report" end
  if got.own ~= true then return false, "kids own child: " .. tostring(got.own) end
  if got.other ~= "not permitted: terminate (host remote:kids)" then
    return false, "kids other: " .. tostring(got.other)
  end
  process.send(victim, "go", "done")
  return true
end
return { main = main }
