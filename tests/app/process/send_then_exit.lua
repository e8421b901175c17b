-- Sends `count` messages to parent on topic "last", then ends: returns i,
-- or raises when told to fail (for a parent that traps links). A note to
-- itself first, which it never reads, makes the broker write to it while
-- it is ending.
local function main(parent, i, count, fail)
  local pad = string.rep("x", 16 * 1024)
  assert(process.send(process.pid(), "note", true))
  for n = 1, count do
    assert(process.send(parent, "last", { i = i, n = n, pad = pad }))
  end
  if fail then error("failing after " .. count .. " messages") end
  return i
end
return { main = main }
