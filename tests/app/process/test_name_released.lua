-- Names are released before the EXIT is delivered, so whoever sees the
-- EXIT can register the name again at once; send works by name.
local time = require("time")
local function main()
  local events = process.events()
  local name = "svc_" .. tostring(time.now())
  local ready = process.listen("registered")
  local pid = assert(process.spawn_monitored("app.test.process:name_holder", "app:processes", process.pid(), name))
  local r = channel.select { ready:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= ready then return false, "holder did not register" end
  if process.registry.lookup(name) ~= pid then return false, "lookup does not give the holder" end
  local ok, err = process.registry.register(name)
  if ok or not tostring(err):find("taken") then return false, "registering a taken name: " .. tostring(err) end
  assert(process.send(name, "exit", "by name"))
  r = channel.select { events:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= events then return false, "no EXIT" end
  if r.value.result ~= "by name" then return false, "send by name did not arrive" end
  local found = process.registry.lookup(name)
  if found ~= nil then return false, "name still registered when EXIT was seen" end
  if not process.registry.register(name) then return false, "could not take the released name" end
  -- A name that looks like a pid, an empty name and a long one are refused.
  for _, bad in ipairs { "{x}", "", string.rep("n", 256) } do
    ok, err = process.registry.register(bad)
    if ok then return false, "bad name accepted: " .. bad:sub(1, 10) end
  end
  return true
end
return { main = main }
