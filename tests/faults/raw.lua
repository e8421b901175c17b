-- Writes the bytes it is given straight to its broker socket.
local function main(hex)
  local bytes = hex:gsub("..", function(h) return string.char(tonumber(h, 16)) end)
  process._test_write_raw(bytes)
  process.listen("never"):receive()
end
return { main = main }
