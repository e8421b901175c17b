-- Spawns go through the zygote: strict and trusted workers all say
-- the zygote forked them, from a pool (which the zygote refills) or not.
local H = require("zyg")
local function main()
  return H.each_host("app.test.zygote:probe", 3, function(r, i)
    if r.zygote ~= true then return "spawn " .. i .. " was not forked by the zygote" end
  end)
end
return { main = main }
