-- Sends 1..n on topic "n" to `to`, then returns n.
local function main(to, n)
  for i = 1, n do assert(process.send(to, "n", i)) end
  return n
end
return { main = main }
