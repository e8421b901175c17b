-- A child of the zygote is the broker's child: /proc/PID/stat says so
-- (CLONE_PARENT), for a strict one and for the trusted inspector itself,
-- and the zygote is not the parent of either.
local time = require("time")
local H = require("zyg")
local function main()
  local probes = process.listen("probe")
  local child = assert(process.spawn("app.test.zygote:probe", "app:processes", process.pid(), true))
  local r = channel.select { probes:case_receive(), time.after("10s"):case_receive() }
  if r.channel ~= probes then return false, "the probe never reported" end
  local ospid = r.value.ospid
  local ev, err = H.run("app.test.zygote:inspector", "app.test.zygote:trusted", ospid, true)
  process.send(child, "go", true)
  if not ev then return false, err end
  if ev.reason ~= "normal" then return false, tostring(ev.error) end
  local i = ev.result
  if not r.value.zygote or not i.self_zygote then return false, "not forked by the zygote" end
  if not i.broker or i.ppid ~= i.broker then
    return false, "the probe's parent is " .. tostring(i.ppid) .. ", the broker is " .. tostring(i.broker)
  end
  if not i.zygote or i.zygote == i.ppid then return false, "no zygote, or it is the parent" end
  return true
end
return { main = main }
