-- Each child of the zygote has its own random seed: children alive at
-- once draw different first numbers, and each ran a timer of its own
-- event loop while the others ran theirs. (On a host without a pool, so
-- that every one is forked by the zygote there and then.)
local time = require("time")
local function main()
  local probes = process.listen("probe")
  local kids, seen, forked = {}, {}, 0
  for i = 1, 12 do
    kids[i] = assert(process.spawn("app.test.zygote:probe", "app.test.zygote:nopool", process.pid(), true))
  end
  for i = 1, 12 do
    local r = channel.select { probes:case_receive(), time.after("10s"):case_receive() }
    if r.channel ~= probes then return false, "probe " .. i .. " never reported" end
    if r.value.zygote then forked = forked + 1 end
    if seen[r.value.rand] then return false, "two children drew the same first random number" end
    seen[r.value.rand] = true
  end
  for i = 1, 12 do process.send(kids[i], "go", true) end
  if forked < 12 then return false, "only " .. forked .. " of 12 were forked by the zygote" end
  return true
end
return { main = main }
