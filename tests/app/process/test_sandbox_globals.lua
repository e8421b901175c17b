-- The allow-list of spec section 5, seen from Lua.
local function main()
  for _, name in ipairs { "io", "package", "debug", "dofile", "loadfile", "collectgarbage_x", "module", "newproxy" } do
    if name ~= "collectgarbage_x" and _G[name] ~= nil then return false, name .. " is visible" end
  end
  for _, name in ipairs { "exit", "execute", "getenv", "remove", "rename", "tmpname", "setlocale" } do
    if os[name] ~= nil then return false, "os." .. name .. " is visible" end
  end
  for _, name in ipairs { "time", "clock", "date", "difftime" } do
    if type(os[name]) ~= "function" then return false, "os." .. name .. " missing" end
  end
  if string.dump ~= nil then return false, "string.dump is visible" end
  if type(collectgarbage("count")) ~= "number" then return false, "collectgarbage('count')" end
  if pcall(collectgarbage, "stop") then return false, "collectgarbage('stop') allowed" end
  if pcall(collectgarbage) then return false, "collectgarbage() allowed" end
  -- load: text only, sandboxed environment by default.
  local f = load("return io")
  if f() ~= nil then return false, "load sees io" end
  local bin = "\27Lua\84\0"
  if load(bin) ~= nil then return false, "load accepted a binary chunk" end
  -- The string metatable cannot be changed.
  if pcall(function() getmetatable("").__index = {} end) and ("x").upper == nil then
    return false, "string metatable was changed"
  end
  -- (setmetatable on a string raises in any Lua: what protects the
  -- metatable is its __metatable field)
  if getmetatable("") ~= "protected" then return false, "the string metatable is not protected" end
  if pcall(require, "os") or pcall(require, "io") then return false, "require of a standard library" end
  for _, name in ipairs { "assert", "error", "ipairs", "next", "pairs", "pcall", "xpcall", "print",
      "rawequal", "rawget", "rawlen", "rawset", "select", "setmetatable", "getmetatable",
      "tonumber", "tostring", "type", "require", "load" } do
    if type(_G[name]) ~= "function" then return false, name .. " missing" end
  end
  for _, name in ipairs { "string", "table", "math", "utf8", "coroutine", "process", "channel" } do
    if type(_G[name]) ~= "table" then return false, name .. " missing" end
  end
  return true
end
return { main = main }
