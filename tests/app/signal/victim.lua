-- Tells the test its OS pid, then waits to be killed from outside.
local function main(test_pid)
  process.send(test_pid, "ospid", process._test_ospid())
  process.listen("never"):receive()
end
return { main = main }
