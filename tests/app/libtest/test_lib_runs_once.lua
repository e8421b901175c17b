-- A library's top level runs once per process: required twice, under two
-- aliases, and both directly and through another library.
local function main()
  if LIB_COUNTER_RUNS ~= nil then return false, "counter ran before require" end
  local a = require("counter")
  local b = require("counter")
  local c = require("counter.again")
  if a ~= b then return false, "second require returned another value" end
  if a ~= c then return false, "the second alias returned another value" end
  if LIB_COUNTER_RUNS ~= 1 then return false, "counter ran " .. tostring(LIB_COUNTER_RUNS) .. " times" end
  a.bump()
  if c.value ~= 1 then return false, "aliases do not share one copy" end
  if a.args[1] ~= "counter" then return false, "top level got ... = " .. tostring(a.args[1]) end
  if a.args[2] ~= "lib/counter.lua" then return false, "top level got file " .. tostring(a.args[2]) end

  local inner = require("inner_direct")
  local outer = require("outer")
  if outer.inner ~= inner then return false, "inner loaded twice (direct and through outer)" end
  if INNER_RUNS ~= 1 then return false, "inner ran " .. tostring(INNER_RUNS) .. " times" end
  return true
end
return { main = main }
