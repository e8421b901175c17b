-- Grows its heap until its host's memory limit ends it.
local function main()
  local t = {}
  for i = 1, 1e9 do t[i] = string.rep("x", 1000) .. i end
  return #t
end
return { main = main }
