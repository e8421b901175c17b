-- Runs the user's code: a Lua chunk whose first return value is the
-- result. It runs in this process only, under the host's limits.
local function main(source)
  local chunk, err = load(source, "=user", "t")
  if not chunk then
    error("does not compile: " .. err, 0)
  end
  return chunk()
end

return { main = main }
