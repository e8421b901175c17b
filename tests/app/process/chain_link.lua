-- Links to the pid it is given (if any), reports ready, then waits; fails
-- when told "fail".
local function main(test_pid, link_to)
  if link_to then assert(process.link(link_to)) end
  process.send(test_pid, "ready", process.pid())
  local how = process.listen("exit"):receive()
  if how == "fail" then error("chain link told to fail") end
  return how
end
return { main = main }
