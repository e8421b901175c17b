-- A child's Lua state is its own, though strict children inherit it from
-- the zygote: what one process does to its globals and to the string,
-- table and math tables and metatables, the next one forked after it
-- does not see. On hosts without a pool, so the second is forked after
-- the first has run.
local H = require("zyg")
local HOSTS = {
  { "app.test.zygote:nopool", true },
  { "app.test.zygote:trusted_nopool", false },
}
local function main()
  for _, h in ipairs(HOSTS) do
    local host, inherits = h[1], h[2]
    for _, mode in ipairs { "pollute", "check", "pollute", "check" } do
      local ev, err = H.run("app.test.zygote:fresh", host, mode)
      if not ev then return false, err end
      if ev.reason ~= "normal" then return false, host .. " " .. mode .. ": " .. tostring(ev.error) end
      if ev.result.inherited ~= inherits then
        return false, host .. ": inherited the zygote's state: " .. tostring(ev.result.inherited)
      end
      if ev.result.bad then return false, host .. ": the next process saw " .. ev.result.bad end
    end
  end
  return true
end
return { main = main }
