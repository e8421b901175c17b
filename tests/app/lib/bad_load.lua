-- Raises while loading; the test expects this file's name and line 3.
local M = {}
error("bad_load refuses to load")
return M
