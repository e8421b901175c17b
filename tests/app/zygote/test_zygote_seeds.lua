-- Each child of the zygote has its own random seed: children alive at
-- once draw different first numbers, and each ran a timer of its own
-- event loop while the others ran theirs; strict children, which inherit
-- the zygote's Lua state, and trusted ones, which build their own (Lua's
-- own first seed, the time in seconds and the state's address, is the
-- same in children of one zygote). (On hosts without a pool, so that
-- every one is forked by the zygote there and then.)
local time = require("time")
local function on(host)
  local probes = process.listen("probe")
  local kids, seen, forked = {}, {}, 0
  for i = 1, 12 do
    kids[i] = assert(process.spawn("app.test.zygote:probe", host, process.pid(), true))
  end
  for i = 1, 12 do
    local r = channel.select { probes:case_receive(), time.after("10s"):case_receive() }
    if r.channel ~= probes then return false, "probe " .. i .. " never reported" end
    if r.value.zygote then forked = forked + 1 end
    if seen[r.value.rand] then return false, "two children drew the same first random number" end
    seen[r.value.rand] = true
  end
  for i = 1, 12 do process.send(kids[i], "go", true) end
  process.unlisten(probes)
  if forked < 12 then return false, "only " .. forked .. " of 12 were forked by the zygote" end
  return true
end
local function main()
  for _, host in ipairs { "app.test.zygote:nopool", "app.test.zygote:trusted_nopool" } do
    local ok, err = on(host)
    if not ok then return false, host .. ": " .. err end
  end
  return true
end
return { main = main }
