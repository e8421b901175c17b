-- Receives n messages on "n" and checks they arrive 1..n in order.
local function main(n)
  local ch = process.listen("n")
  for i = 1, n do
    local v = ch:receive()
    if v ~= i then return false, "message " .. i .. " arrived as " .. tostring(v) end
  end
  return true
end
return { main = main }
