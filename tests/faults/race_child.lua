-- The exit race's child: one message to its parent, then return.
return { main = function(parent)
  process.send(parent, "hi", true)
  return true
end }
