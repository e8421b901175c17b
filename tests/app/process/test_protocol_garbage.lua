-- A worker that writes garbage, an oversized or unknown frame, or a bad
-- envelope is killed with reason "protocol", while another pair of
-- processes keeps exchanging messages throughout.
local time = require("time")
local function main()
  if not process._test_write_raw then
    return false, "needs the test build of the worker (FORKBOX_WORKER=forkbox-worker-test, as make check sets)"
  end
  local events = process.events()
  local pongs = process.listen("pong")
  local server = assert(process.spawn("app.test.process:ping_server", "app:processes"))
  local n = 0
  local function ping()
    n = n + 1
    process.send(server, "ping", n)
    local r = channel.select { pongs:case_receive(), time.after("3s"):case_receive() }
    if r.channel ~= pongs or r.value ~= n then error("ping " .. n .. " lost") end
  end
  for _, kind in ipairs { "garbage", "oversized", "unknown", "badenv" } do
    ping()
    local bad = assert(process.spawn_monitored("app.test.process:garbage_worker", "app:processes", kind))
    for _ = 1, 5 do ping() end
    local r = channel.select { events:case_receive(), time.after("5s"):case_receive() }
    if r.channel ~= events then return false, kind .. ": garbage writer was not killed" end
    if r.value.from ~= bad or r.value.reason ~= "protocol" then
      return false, kind .. ": reason " .. tostring(r.value.reason) .. " " .. tostring(r.value.error)
    end
    ping()
  end
  return true
end
return { main = main }
