-- A registry flood stops at the host's max_names, counting the names a
-- process registered for others; the names a process registered, for
-- itself or for another pid, are released when it exits.
local H = require("harness")
local function main()
  local ctx = H.start()
  local a = H.attack(ctx, "faults:strict", { { "flood", "flood.strict", false, 100000 } })
  if a[1].value ~= 64 then
    return false, "strict registered " .. tostring(a[1].value) .. " names, not 64: " .. tostring(a[1].err)
  end
  if not tostring(a[1].err):find("max_names", 1, true) then return false, "strict: 65th name: " .. tostring(a[1].err) end
  a = H.attack(ctx, "faults:tight", {
    { "flood", "flood.tight", false, 5 },
    { "flood_child", "faults:tight", "flood.child", 100 },
  })
  if a[1].value ~= 5 or a[2].value ~= 3 then
    return false, string.format("tight registered %s names and %s for its child, not 5 and 3: %s",
      tostring(a[1].value), tostring(a[2].value), tostring(a[2].err))
  end
  if not tostring(a[2].err):find("max_names", 1, true) then return false, "tight: 9th name: " .. tostring(a[2].err) end
  for _, name in ipairs { "flood.strict.1", "flood.tight.1", "flood.child.1" } do
    if process.registry.lookup(name) then return false, name .. " outlived its registrant" end
  end
  return true
end
return { main = main }
