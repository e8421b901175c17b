-- The exit race's parent: spawn_monitored `children` children, receive one
-- message, return "done" while the children's EXIT events may still be on
-- their way to it.
return { main = function(children)
  local hi = process.listen("hi")
  for _ = 1, tonumber(children) do
    assert(process.spawn_monitored("faults:race_child", "faults:race", process.pid()))
  end
  hi:receive()
  return "done"
end }
