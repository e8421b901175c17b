-- How this process got its code: chunks compiled here from their text
-- (none when the zygote compiled them), functions taken from the Lua
-- state the zygote built (its entry and its library, in a strict child),
-- whose process ran the library's top level, the line an error in the
-- library names, and how many bytes of Lua text (its entry's, its
-- library's) came in INIT.
local lib = require("compiled")
local function main()
  local _, err = pcall(lib.fail)
  local inherited, chunks = process._test_inherited()
  return {
    zygote = process._test_zygote(),
    inherited = inherited,
    chunks = chunks,
    compiles = process._test_compiles(),
    init_code = process._test_init_code(),
    mine = lib.pid == process.pid(),
    err = err,
  }
end
return { main = main }
