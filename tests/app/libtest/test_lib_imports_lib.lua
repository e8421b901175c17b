-- app.lib:outer imports app.lib:inner; the entry imports only outer.
local outer = require("outer")

local function main()
  if type(outer) ~= "table" or type(outer.inner) ~= "table" then
    return false, "outer did not get inner: " .. tostring(outer and outer.inner)
  end
  if outer.inner.greet("a") ~= "hello, a" then return false, "inner.greet" end
  -- A require at call time inside outer uses outer's imports.
  local ok, v = pcall(outer.greet_later, "b")
  if not ok or v ~= "hello, b" then return false, "greet_later: " .. tostring(v) end
  local ok2, inner = outer.try("inner")
  if not ok2 or inner ~= outer.inner then return false, "outer's own require('inner'): " .. tostring(inner) end
  -- The entry did not import inner.
  local ok3, err = pcall(require, "inner")
  if ok3 then return false, "the entry could require outer's import" end
  if not tostring(err):find("'inner'", 1, true) then return false, "message: " .. tostring(err) end
  return true
end
return { main = main }
