-- Asks the broker without end and never reads the answers, as native code
-- in a worker could: MONITOR requests for a long pid nobody has, each
-- answered with a reply and an EXIT "noproc" that both repeat it. Stops
-- after `mib` MiB of requests.
local function main(mib)
  local env = '{"dest":"{' .. string.rep("x", 60000) .. '}"}'
  local frame = string.pack("<I4I2I2I8I4", #env, 20, 0, 1, #env) .. env
  local batch = string.rep(frame, 16)
  local n = 0
  while n < mib * 1024 * 1024 do
    process._test_write_raw(batch)
    n = n + #batch
  end
  return n
end
return { main = main }
