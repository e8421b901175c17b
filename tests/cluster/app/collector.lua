-- Takes n messages "n" and tells `test` whether they came as 1..n, in
-- order: "collected" with true, or with the first one out of place.
local function main(test, n)
  local ch = process.listen("n")
  for i = 1, n do
    local v = ch:receive()
    if v ~= i then
      process.send(test, "collected", "expected " .. i .. ", got " .. tostring(v))
      return false
    end
  end
  process.send(test, "collected", true)
  return true
end
return { main = main }
