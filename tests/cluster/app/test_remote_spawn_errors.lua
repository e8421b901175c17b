-- Spawning on another node fails as a local spawn does, and with the
-- node's own errors.
local t = require("t")
local function expect(what, want, pid, err)
  if pid ~= nil then return what .. ": spawned " .. pid end
  if not tostring(err):find(want, 1, true) then
    return what .. ": " .. tostring(err) .. " (wanted " .. want .. ")"
  end
end
local function main()
  t.ready()
  local bad = expect("unknown node", "unknown node n9",
      process.spawn("remote:echo", "remote:procs@n9"))
    or expect("unknown host", "unknown host: remote:nohost",
      process.spawn("remote:echo", "remote:nohost@n2"))
    or expect("unknown entry", "unknown entry: remote:noentry",
      process.spawn("remote:noentry", "remote:procs@n2"))
    or expect("bad args", "cannot encode",
      process.spawn("remote:echo", "remote:procs@n2", function() end))
  if bad then return false, bad end
  -- remote:small holds one process per node.
  local one = assert(process.spawn("remote:exiter", "remote:small@n2", "wait"))
  bad = expect("host full", "host remote:small is at max_processes (1)",
      process.spawn("remote:exiter", "remote:small@n2", "wait"))
  process.send(one, "go", "done")
  if bad then return false, bad end
  return true
end
return { main = main }
