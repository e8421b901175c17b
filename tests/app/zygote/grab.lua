-- Takes one string of `kib` KiB on top of what its Lua state holds
-- (twice that at the peak: string.rep's buffer, then the string).
local function main(kib)
  local s = string.rep("x", kib * 1024)
  return #s
end
return { main = main }
