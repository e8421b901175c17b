-- time.now/sleep/after and the duration syntax.
local time = require("time")
local function main()
  local t0 = time.now()
  if type(t0) ~= "number" or math.abs(t0 - os.time()) > 2 then return false, "time.now is not unix time" end
  time.sleep("50ms")
  local slept = time.now() - t0
  if slept < 0.045 then return false, "sleep 50ms took " .. slept end
  t0 = time.now()
  time.sleep(20)  -- a number is milliseconds
  if time.now() - t0 < 0.018 then return false, "sleep(20) too short" end
  local fast, slow = time.after("10ms"), time.after("1h")
  local r = channel.select { slow:case_receive(), fast:case_receive() }
  if r.channel ~= fast then return false, "after: the 1h timer fired first" end
  for _, d in ipairs { "250us", "100ms", "3s", "2m", "1h", "1m30s" } do
    local ok, err = pcall(time.after, d)
    if not ok then return false, "duration " .. d .. " refused: " .. tostring(err) end
  end
  local ok, err = pcall(time.after, "3x")
  if ok or not tostring(err):find("3x", 1, true) then return false, "bad duration error: " .. tostring(err) end
  ok, err = pcall(time.sleep, "soon")
  if ok or not tostring(err):find("soon", 1, true) then return false, "bad duration error: " .. tostring(err) end
  return true
end
return { main = main }
