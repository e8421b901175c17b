-- An idle child of the strict zygote keeps sharing the malloc heap it
-- inherited: what it allocates comes from pages of its own, not from the
-- zygote's free blocks (worker/heapseal.c). Before that, every page of
-- the inherited heap was copied in every child (Shared_Dirty 0).
local time = require("time")
local H = require("zyg")
local function main()
  local probes = process.listen("probe")
  local child = assert(process.spawn("app.test.zygote:probe", "app.test.zygote:nopool", process.pid(), true))
  local r = channel.select { probes:case_receive(), time.after("10s"):case_receive() }
  if r.channel ~= probes then return false, "the probe never reported" end
  if not r.value.zygote then return false, "the probe was not forked by a zygote" end
  local ev, err = H.run("app.test.zygote:inspector", "app.test.zygote:trusted", r.value.ospid, false, true)
  process.send(child, "go", true)
  if not ev then return false, err end
  if ev.reason ~= "normal" then return false, tostring(ev.error) end
  local h = ev.result.heap
  if h.private + h.shared == 0 then return false, "no [heap] in the probe's smaps" end
  if h.shared <= h.private then
    return false, "the idle child copied " .. h.private .. " KiB of its heap and shares " .. h.shared .. " KiB"
  end
  return true
end
return { main = main }
