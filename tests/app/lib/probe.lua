-- The sandbox as a library sees it: once while loading, once when called.
local function look()
  local seen = {}
  local direct = {
    io = io, package = package, debug = debug, dofile = dofile,
    loadfile = loadfile, ["os.execute"] = os.execute, ["os.exit"] = os.exit,
    ["os.getenv"] = os.getenv, ["os.remove"] = os.remove,
    ["string.dump"] = string.dump,
  }
  for name in pairs(direct) do seen[#seen + 1] = name end
  for _, name in ipairs { "io", "os", "package", "debug" } do
    if pcall(require, name) then seen[#seen + 1] = "require('" .. name .. "')" end
  end
  local f = load("return io or package")
  if f() ~= nil then seen[#seen + 1] = "load() sees io or package" end
  table.sort(seen)
  return seen
end
-- A global of its own: the entry that requires it must see it (one
-- environment per process).
PROBE_LOADED = true
return {
  at_load = look(),
  look = look,
  env_is_global = _ENV == _G,
  has_process = type(process) == "table" and type(channel) == "table",
}
