-- Tells `to` how much memory its Lua state holds at start, then grows
-- its global table (inherited from the zygote in a strict child) until
-- the memory limit ends it.
local function main(to)
  process.send(to, "count", collectgarbage("count"))
  for i = 1, 1e9 do _G["k" .. i] = i end
end
return { main = main }
