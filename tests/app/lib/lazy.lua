-- Imports nothing, so require of anything but time and json fails here,
-- whatever the entry imports.
local M = {}
function M.try(name)
  return pcall(require, name)
end
function M.json_ok()
  return require("json") ~= nil and require("time") ~= nil
end
return M
