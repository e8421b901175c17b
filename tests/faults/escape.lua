-- Every Lua-level way out of the sandbox we know of; returns the list of
-- the ones that worked (an empty list when all were refused). bytecode_hex
-- is a real compiled chunk made by the trusted test.
local function main(bytecode_hex)
  -- What is allowed still works under the seccomp filter (a refused call
  -- would end the process here).
  math.randomseed()
  local t = os.time({ year = 2020, month = 1, day = 1, hour = 12 })
  assert(os.date("%Y-%m-%d", t) == "2020-01-01" and os.date("*t").year >= 2024)
  assert(os.clock() >= 0 and os.difftime(t + 1, t) == 1 and os.date("!%c") ~= nil)
  local got = {}
  local function try(name, fn)
    local ok, res = pcall(fn)
    if ok and res then got[#got + 1] = name end
  end
  try("io", function() return io ~= nil and io.open("/etc/hostname") end)
  try("os.execute", function() return os.execute("true") end)
  try("os.exit", function() return os.exit ~= nil end)
  -- (a strict worker has no environment: getenv would say nil anyway)
  try("os.getenv", function() return os.getenv ~= nil end)
  try("os.remove", function() return os.remove ~= nil end)
  try("package.loadlib", function() return package.loadlib("libc.so.6", "*") end)
  try("require of a C module", function() return require("lpeg") end)
  try("require('io')", function() return require("io") end)
  try("require('debug')", function() return require("debug") end)
  try("debug", function() return debug ~= nil end)
  try("dofile", function() return dofile ~= nil end)
  try("loadfile", function() return loadfile ~= nil end)
  local bytecode = bytecode_hex:gsub("..", function(h) return string.char(tonumber(h, 16)) end)
  try("load of bytecode", function() return load(bytecode) end)
  try("load of bytecode, mode b", function() return load(bytecode, "x", "b") end)
  try("string.dump", function() return string.dump(main) end)
  try("(''):dump", function() return (""):dump() end)
  try("string metatable reachable", function()
    return getmetatable("") ~= "protected"
  end)
  try("string metatable edited", function()
    getmetatable("").__index = { boom = 1 }
    return ("x").boom == 1
  end)
  try("collectgarbage('stop')", function() collectgarbage("stop") return true end)
  try("collectgarbage('collect')", function() collectgarbage("collect") return true end)
  try("load sees io", function() return load("return io or package or debug")() end)
  try("_ENV escape", function() return load("return _ENV.io", "x", "t", _G)() end)
  return got
end
return { main = main }
