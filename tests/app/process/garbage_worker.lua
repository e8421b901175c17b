-- Writes bytes that are not a frame straight to its broker socket (only
-- possible with the test build of the worker), then waits to be killed.
local function main(kind)
  local junk = {
    garbage = string.rep("\255", 64),
    -- A header claiming a 1 GiB body: refused before anything is allocated.
    oversized = string.pack("<I4I2I2I8I4", 1 << 30, 17, 0, 0, 10),
    -- A well-formed header of an unknown type.
    unknown = string.pack("<I4I2I2I8I4", 2, 999, 0, 0, 2) .. "{}",
    -- A SEND whose envelope is not JSON.
    badenv = string.pack("<I4I2I2I8I4", 5, 17, 0, 0, 5) .. "nope!",
    -- A well-formed EXIT saying main returned 42, after which the
    -- process lingers (as one being torn down does).
    exit_then_wait = string.pack("<I4I2I2I8I4", 21, 19, 0, 0, 19) .. '{"status":"normal"}42',
  }
  process._test_write_raw(junk[kind])
  process.listen("never"):receive()
end
return { main = main }
