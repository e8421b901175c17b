-- Imports inner (its own import, not the entry's).
local inner = require("inner")
local M = { inner = inner }
-- require at call time still resolves against outer's imports.
function M.greet_later(who)
  return require("inner").greet(who)
end
function M.try(name)
  return pcall(require, name)
end
return M
