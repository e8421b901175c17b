-- require of a name that is not imported fails, naming the name and the
-- entry (or the library it was called from).
local ENTRY = "app.test.lib:test_lib_not_imported"

local function main()
  local ok, err = pcall(require, "nope")
  if ok then return false, "require('nope') succeeded" end
  err = tostring(err)
  if not err:find("'nope'", 1, true) or not err:find(ENTRY, 1, true) then
    return false, "message does not name the module and the entry: " .. err
  end
  -- A ref is not an alias.
  if pcall(require, "app.lib:counter") then return false, "require by ref succeeded" end
  -- Raised, not returned: a plain call errors at the caller's line.
  ok, err = pcall(function() return require("nope") end)
  if ok or not tostring(err):find("test_lib_not_imported.lua:%d+:") then
    return false, "error position: " .. tostring(err)
  end
  -- Inside a library only its own imports apply: lazy imports nothing.
  local lazy = require("lazy")
  local lok, lerr = lazy.try("inner")
  if lok then return false, "a library could require the entry's import" end
  lerr = tostring(lerr)
  if not lerr:find("'inner'", 1, true) or not lerr:find("app.lib:lazy", 1, true) then
    return false, "message does not name the library: " .. lerr
  end
  -- time and json stay available to everyone.
  if not lazy.json_ok() then return false, "time/json missing in a library" end
  -- and the entry's own import still works.
  if require("inner").greet("x") ~= "hello, x" then return false, "inner" end
  return true
end
return { main = main }
