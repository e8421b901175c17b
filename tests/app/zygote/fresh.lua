-- One process pollutes what it inherited from the zygote, the next
-- looks for it. mode "pollute": globals, the string, table and math
-- tables and metatables, the API tables; mode "check": returns what it
-- finds changed (nil when nothing), and whether its Lua state came from
-- the zygote.
local function pollute()
  leaked = "global"
  rawset(_G, "leaked_raw", true)
  string.leaked = true
  string.upper = function() return "poisoned" end
  setmetatable(table, { __index = function() return "poisoned" end })
  setmetatable(math, { __index = function() return "poisoned" end })
  math.pi = 3
  table.insert = nil
  coroutine.leaked = true
  process.leaked = true
  channel.leaked = true
  os.leaked = true
  utf8.leaked = true
  _G._G = nil
end
local function check()
  local bad = {}
  local function want(ok, what) if not ok then bad[#bad + 1] = what end end
  want(rawget(_G, "leaked") == nil, "global")
  want(rawget(_G, "leaked_raw") == nil, "raw global")
  want(string.leaked == nil and ("x").leaked == nil, "string table")
  want(("abc"):upper() == "ABC", "string.upper")
  want(getmetatable(table) == nil and table.anything == nil, "table's metatable")
  want(getmetatable(math) == nil and math.anything == nil, "math's metatable")
  want(math.pi > 3.14, "math.pi")
  want(type(table.insert) == "function", "table.insert")
  want(coroutine.leaked == nil and process.leaked == nil and channel.leaked == nil, "API tables")
  want(os.leaked == nil and utf8.leaked == nil, "os or utf8")
  want(_G._G == _G, "_G")
  return #bad > 0 and table.concat(bad, ", ") or nil
end
local function main(mode)
  local r = { inherited = process._test_inherited() }
  if mode == "pollute" then pollute() else r.bad = check() end
  return r
end
return { main = main }
