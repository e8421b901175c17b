-- Spawns go through the zygote: strict and trusted workers all say
-- a zygote forked them, from a pool (which the zygote refills) or not;
-- strict ones the confined zygote, trusted ones the other.
local H = require("zyg")
local KIND = {
  ["app:processes"] = "strict",
  ["app.test.zygote:trusted"] = "trusted",
  ["app.test.zygote:nopool"] = "strict",
}
local function main()
  return H.each_host("app.test.zygote:probe", 3, function(r, i, host)
    if r.zygote ~= true then return "spawn " .. i .. " was not forked by the zygote" end
    if r.kind ~= KIND[host] then
      return "spawn " .. i .. " was forked by the " .. tostring(r.kind) .. " zygote"
    end
  end)
end
return { main = main }
