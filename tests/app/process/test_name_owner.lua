-- Only a name's registrant or its holder may unregister it: anyone else
-- gets false, "not yours". A name registered for another pid is the
-- registrant's to take back, and goes when its holder exits.
local time = require("time")
local function main()
  local events = process.events()
  local name = "owned_" .. tostring(time.now())
  local ready = process.listen("registered")
  local holder = assert(process.spawn_monitored("app.test.process:name_holder", "app:processes", process.pid(), name))
  local r = channel.select { ready:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= ready then return false, "holder did not register" end
  local ok, err = process.registry.unregister(name)
  if ok ~= false or err ~= "not yours" then
    return false, "unregister of another's name: " .. tostring(ok) .. ", " .. tostring(err)
  end
  if process.registry.lookup(name) ~= holder then return false, "the name changed hands" end
  -- Given away, then taken back by its registrant.
  assert(process.registry.register(name .. ".given", holder))
  if process.registry.lookup(name .. ".given") ~= holder then return false, "register for a pid" end
  if process.registry.unregister(name .. ".given") ~= true then return false, "the registrant could not unregister" end
  -- Given away again: gone with the holder.
  assert(process.registry.register(name .. ".given", holder))
  assert(process.send(holder, "exit", "done"))
  r = channel.select { events:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= events then return false, "no EXIT" end
  if process.registry.lookup(name .. ".given") ~= nil then return false, "a name outlived its holder" end
  if process.registry.unregister(name .. ".given") ~= false then return false, "unregister of a released name" end
  return true
end
return { main = main }
