-- A child of a zygote shows in ps what an exec'd worker of its host
-- would: "forkbox-worker --strict [--jail]" or "forkbox-worker", never
-- the zygote's "--zygote", and the exec'd worker's name, not
-- forkbox-zygote. (On hosts without a pool: forked there and then.)
local time = require("time")
local H = require("zyg")
local function title(host)
  local probes = process.listen("probe")
  local child = assert(process.spawn("app.test.zygote:probe", host, process.pid(), true))
  local r = channel.select { probes:case_receive(), time.after("10s"):case_receive() }
  process.unlisten(probes)
  if r.channel ~= probes then return nil, host .. ": the probe never reported" end
  local ev, err = H.run("app.test.zygote:inspector", "app.test.zygote:trusted", r.value.ospid)
  process.send(child, "go", true)
  if not ev then return nil, err end
  if ev.reason ~= "normal" then return nil, tostring(ev.error) end
  if not r.value.zygote then return nil, host .. ": not forked by a zygote" end
  return ev.result
end
local function main()
  local s, err = title("app.test.zygote:nopool")
  if not s then return false, err end
  if not (s.cmdline == "forkbox-worker --strict" or s.cmdline == "forkbox-worker --strict --jail") then
    return false, "strict child: " .. s.cmdline
  end
  local t
  t, err = title("app.test.zygote:trusted_nopool")
  if not t then return false, err end
  if t.cmdline ~= "forkbox-worker" then return false, "trusted child: " .. t.cmdline end
  for _, c in ipairs { s.comm, t.comm } do
    if not c:match("^forkbox%-worker") then return false, "a child named " .. c end
  end
  return true
end
return { main = main }
