-- Spawns go through the zygote: strict and trusted workers all say
-- the zygote forked them, from a pool (which the zygote refills) or not.
local H = require("zyg")
local function main()
  for _, host in ipairs { "app:processes", "app.test.zygote:trusted", "app.test.zygote:nopool" } do
    for i = 1, 3 do
      local ev, err = H.run("app.test.zygote:probe", host)
      if not ev then return false, err end
      if ev.reason ~= "normal" then return false, host .. ": " .. tostring(ev.error) end
      if ev.result.zygote ~= true then return false, host .. ": spawn " .. i .. " was not forked by the zygote" end
    end
  end
  return true
end
return { main = main }
