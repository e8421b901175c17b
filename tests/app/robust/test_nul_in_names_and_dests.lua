-- NUL bytes in registry names and in destinations: nil, err (false, err
-- for unregister), never a request the broker refuses by killing.
local function expect(what, pattern, v, err)
  if v then error(what .. ": accepted") end
  if not tostring(err):find(pattern) then
    error(what .. ": error " .. tostring(err) .. " does not match " .. pattern)
  end
end
local function main()
  local me = process.pid()
  local r = process.registry
  expect("register", "NUL", r.register("a\0b"))
  expect("register for a pid with a NUL", "pid", r.register("okname", me .. "\0"))
  expect("lookup", "NUL", r.lookup("a\0b"))
  expect("unregister", "NUL", r.unregister("a\0b"))
  local bad = "name\0tail"
  expect("send", "NUL", process.send(bad, "t", 1))
  expect("monitor", "NUL", process.monitor(bad))
  expect("unmonitor", "NUL", process.unmonitor(bad))
  expect("link", "NUL", process.link(bad))
  expect("unlink", "NUL", process.unlink(bad))
  expect("terminate", "NUL", process.terminate(bad))
  expect("cancel", "NUL", process.cancel(bad))
  local badpid = "{app:processes|x\0|1}"
  expect("send to a pid with a NUL", "pid", process.send(badpid, "t", 1))
  expect("monitor a pid with a NUL", "pid", process.monitor(badpid))
  -- The connection is fine: a real request still works.
  assert(r.register("robust_nul_ok"))
  if r.lookup("robust_nul_ok") ~= me then return false, "lookup after the refusals" end
  return true
end
return { main = main }
