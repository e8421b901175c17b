-- Runs one submission: a Lua chunk that reads the global `input` and
-- returns its answer. It sees the sandbox's globals; reaching for one the
-- sandbox leaves out (io, os.execute, debug, ...) raises an error starting
-- with "sandbox: ", which the judge reports as the sandbox verdict.
local missing = { io = true, package = true, debug = true, dofile = true,
  loadfile = true, collectgarbage = true, ffi = true, jit = true }
local os_missing = { execute = true, exit = true, getenv = true,
  remove = true, rename = true, tmpname = true, setlocale = true }

local function trap(what)
  error("sandbox: " .. what .. " is not available", 3)
end

local function main(source, input)
  local os_view = setmetatable({}, { __index = function(_, k)
    if os_missing[k] then trap("os." .. k) end
    return os[k]
  end })
  local env = setmetatable({ input = input, os = os_view }, {
    __index = function(_, k)
      if missing[k] then trap(k) end
      return _ENV[k]
    end })
  local chunk, err = load(source, "=submission", "t", env)
  if not chunk then
    error("does not compile: " .. err, 0)
  end
  return chunk()
end

return { main = main }
