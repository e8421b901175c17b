-- Terminates the pid it was given.
local function main(pid)
  return assert(process.terminate(pid))
end
return { main = main }
