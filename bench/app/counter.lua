-- Counts messages on "m" until the payload false; answers the count.
local function main(reply_to)
  local m = process.listen("m")
  local n = 0
  while true do
    local v = m:receive()
    if v == false then break end
    n = n + 1
  end
  process.send(reply_to, "count", n)
  return n
end
return { main = main }
