-- 10,000 spawn/exit cycles: the broker's open descriptors, RSS and zombie
-- count at the end are those after the first 100.
local H = require("harness")
local N = 10000

local function cycle(ctx, i)
  local pid = assert(process.spawn_monitored("faults:quick", "faults:strict", i))
  while true do
    local ev = ctx.events:receive()
    if ev.from == pid then
      if ev.reason ~= "normal" or ev.result ~= i then
        error("cycle " .. i .. ": " .. tostring(ev.reason) .. " " .. tostring(ev.error))
      end
      return
    end
    if ev.from == ctx.server then error("the bystander died") end
  end
end

local function main()
  local ctx = H.start()
  for i = 1, 100 do cycle(ctx, i) end
  local first = H.expect_no_leak(H.snapshot())
  for i = 101, N do
    cycle(ctx, i)
    if i % 1000 == 0 then H.ping(ctx) end
  end
  local last = H.expect_no_leak(first, 256)
  print(string.format("%d cycles: fds %d -> %d, RSS %d -> %d KiB, zombies %d -> %d",
    N, first.fds, last.fds, first.rss, last.rss, first.zombies, last.zombies))
  return true
end
return { main = main }
