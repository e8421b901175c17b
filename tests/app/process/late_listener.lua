-- Listens only after a pause; returns every payload it then receives.
local time = require("time")
local function main(n)
  time.sleep("300ms")
  local ch = process.listen("late")
  local got = {}
  for i = 1, n do got[i] = ch:receive() end
  return got
end
return { main = main }
