-- A trusted process writes to its stdout (the broker's stderr) through
-- stdio, unflushed, and ends: the text must not be lost with the process.
return { main = function()
  io.write("writer: unflushed line from a trusted process")
  return true
end }
