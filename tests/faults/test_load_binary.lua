-- load in a strict process is text-only whatever its arguments: real
-- bytecode (compiled here, on the trusted host) is refused with an error
-- by the five-argument load, and by every other arity and mode, and the
-- base load never comes back.
local H = require("harness")
local function main()
  local ctx = H.start()
  local chunk = string.dump(function() return "escaped" end)
  local pid = assert(process.spawn_monitored("faults:loader", "faults:strict", H.hex(chunk)))
  local ev = H.expect_exit(ctx, pid, "normal", nil, 10)
  local seen = ev.result
  if type(seen) ~= "table" then return false, "no result: " .. tostring(ev.error) end
  print("load(bytecode, nil, nil, nil, nil): " .. tostring(seen.five))
  print("load(reader, nil, nil, nil, nil): " .. tostring(seen.reader))
  print("bytecode loaded: " .. table.concat(seen.loaded, "; "))
  if seen.five ~= "true | nil | attempt to load a binary chunk (mode is 't')" then
    return false, "the 5-argument load did not return an error: " .. tostring(seen.five)
  end
  if #seen.loaded > 0 then
    return false, "bytecode loaded: " .. table.concat(seen.loaded, "; ")
  end
  return true
end
return { main = main }
