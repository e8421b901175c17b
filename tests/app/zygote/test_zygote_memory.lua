-- The memory limit of a child of the zygote counts the Lua state it
-- inherited as its own (as if it had built it, as an exec'd worker
-- does), and still ends a process whose heap grows, here by growing the
-- inherited global table.
local time = require("time")
local function main()
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
