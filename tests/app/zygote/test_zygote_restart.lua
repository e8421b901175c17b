-- kill -9 of the zygote loses no spawn: the spawns made while it is gone
-- are forked and exec'd, every one of them runs; then it comes back and
-- forks again.
local time = require("time")
local H = require("zyg")
local function main()
  local ev, err = H.run("app.test.zygote:inspector", "app.test.zygote:trusted", nil, true)
  if not ev then return false, err end
  local old = ev.result.zygote
  if not old then return false, "no zygote to kill" end
  local events = process.events()
  local pids = {}
  -- The kill must have happened, or the rest proves nothing.
  local killer = assert(process.spawn_monitored("app.test.signal:killer", "app.test.signal:trusted", old, 9))
  for i = 1, 40 do
    pids[assert(process.spawn_monitored("app.test.zygote:probe", "app:processes"))] = true
  end
  local left, killed = 40, false
  while left > 0 or not killed do
    local r = channel.select { events:case_receive(), time.after("20s"):case_receive() }
    if r.channel ~= events then return false, left .. " spawns never ended" end
    if r.value.from == killer then
      if r.value.reason ~= "normal" or r.value.result ~= 0 then
        return false, "the kill of the zygote failed: " .. tostring(r.value.reason) .. " " ..
          tostring(r.value.error)
      end
      killed = true
    elseif pids[r.value.from] then
      if r.value.reason ~= "normal" then return false, "a spawn failed: " .. tostring(r.value.error) end
      left = left - 1
    end
  end
  -- Without a pool every spawn asks the zygote, or forks and execs
  -- when there is none: the old one is dead, so "forked by the zygote"
  -- means a new one.
  local deadline = time.now() + 20
  while time.now() < deadline do
    ev, err = H.run("app.test.zygote:probe", "app.test.zygote:nopool")
    if not ev then return false, err end
    if ev.reason ~= "normal" then return false, "a spawn failed: " .. tostring(ev.error) end
    if ev.result.zygote then
      local again = H.run("app.test.zygote:inspector", "app.test.zygote:trusted", nil, true)
      if again and again.result.zygote == old then return false, "the same zygote still runs" end
      return true
    end
    time.sleep("50ms")
  end
  return false, "the zygote did not come back"
end
return { main = main }
