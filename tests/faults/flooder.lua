-- Prints 1 KiB lines as fast as it can, for ever: a log flood.
local function main(tag)
  local line = tag .. " " .. string.rep("f", 1000)
  while true do print(line) end
end
return { main = main }
