-- How this process got its code: chunks compiled here from their text
-- (none when the zygote compiled them), functions taken from the Lua
-- state the zygote built (its entry and its library, in a strict child),
-- whose process ran the library's top level, the line an error in the
-- library names, and how many bytes of library text came in INIT.
local lib = require("compiled")
local function main()
  local _, err = pcall(lib.fail)
  local inherited, chunks = process._test_inherited()
  return {
    zygote = process._test_zygote(),
    inherited = inherited,
    chunks = chunks,
    compiles = process._test_compiles(),
    lib_text = process._test_lib_text(),
    mine = lib.pid == process.pid(),
    err = err,
  }
end
return { main = main }
