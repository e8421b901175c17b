-- Says it is up, then waits for a message that never comes.
local function main(parent)
  process.send(parent, "up", true)
  process.listen("never"):receive()
end
return { main = main }
