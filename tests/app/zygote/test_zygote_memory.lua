-- The memory limit of a child of the zygote counts the Lua state it
-- inherited as its own (as if it had built it, as an exec'd worker
-- does), and still ends a process whose heap grows, here by growing the
-- inherited global table. With a 256 KiB limit a child takes a string
-- of 100 KiB (200 KiB at its peak: string.rep's buffer and the string),
-- not one of 118 KiB (236 KiB): the ~30 KiB it inherited count.
local time = require("time")
local H = require("zyg")
local function grab(kib, want)
  local ev, err = H.run("app.test.zygote:grab", "app.test.zygote:small256", kib)
  if not ev then return err end
  if ev.reason ~= want then
    return kib .. " KiB more under a 256 KiB limit: reason " .. tostring(ev.reason) .. ", not " .. want .. " (" .. tostring(ev.error) .. ")"
  end
end
local function main()
  local bad = grab(100, "normal") or grab(118, "memory")
  if bad then return false, bad end
  local counts, events = process.listen("count"), process.events()
  local pid = assert(process.spawn_monitored("app.test.zygote:bomb", "app.test.zygote:small", process.pid()))
  local r = channel.select { counts:case_receive(), time.after("10s"):case_receive() }
  if r.channel ~= counts then return false, "no count from the bomb" end
  local kib = r.value
  if kib < 8 then return false, "the inherited state is not counted: " .. kib .. " KiB at start" end
  if kib > 512 then return false, "starts above the limit: " .. kib .. " KiB" end
  while true do
    r = channel.select { events:case_receive(), time.after("10s"):case_receive() }
    if r.channel ~= events then return false, "the bomb was not stopped" end
    if r.value.from == pid then break end
  end
  if r.value.reason ~= "memory" then
    return false, "reason " .. tostring(r.value.reason) .. ": " .. tostring(r.value.error)
  end
  return true
end
return { main = main }
