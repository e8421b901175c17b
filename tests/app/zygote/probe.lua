-- What a worker can say about where it came from: forked by a zygote (and
-- which: "strict" or "trusted") or exec'd, its OS pid, its first random number, its sandbox. With `wait`,
-- it reports to `to` first and then waits for a "go" message.
local time = require("time")
local function main(to, wait)
  local zygote, kind = process._test_zygote()
  local r = {
    zygote = zygote,
    kind = kind,
    ospid = process._test_ospid(),
    rand = math.random(1, 1 << 52),
    io = io ~= nil,
    path = os.getenv ~= nil and os.getenv("PATH") or nil,
  }
  -- a timer of its own event base, between two children at once
  time.sleep("5ms")
  if wait then
    process.send(to, "probe", r)
    process.listen("go"):receive()
  end
  return r
end
return { main = main }
