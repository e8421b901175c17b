-- Strings that are not UTF-8 in requests: nil, err, not a protocol kill.
local function expect(what, v, err)
  if v then error(what .. ": accepted") end
  if not tostring(err):find("UTF%-8") then
    error(what .. ": error " .. tostring(err) .. " does not name UTF-8")
  end
end
local function main()
  local me = process.pid()
  expect("topic", process.send(me, "\xff", 1))
  expect("spawn entry", process.spawn("app:\xff", "app:processes"))
  expect("spawn host", process.spawn("app:x", "app:\xfe"))
  expect("register", process.registry.register("n\xff"))
  expect("send to a name", process.send("n\xff", "t", 1))
  expect("monitor a name", process.monitor("n\xff"))
  local ch = process.listen("alive")
  assert(process.send(me, "alive", 1))
  if ch:receive() ~= 1 then return false, "no message after the refusals" end
  return true
end
return { main = main }
