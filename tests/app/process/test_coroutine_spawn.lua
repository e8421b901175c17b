-- coroutine.spawn runs functions concurrently inside one process.
local time = require("time")
local function main()
  local results = channel.new(10)
  for i = 1, 5 do
    coroutine.spawn(function(n)
      time.sleep((6 - n) * 10)
      results:send(n)
    end, i)
  end
  local got = {}
  for i = 1, 5 do got[i] = results:receive() end
  -- Shortest sleep first: 5 finishes first.
  if got[1] ~= 5 or got[5] ~= 1 then return false, "order " .. table.concat(got, ",") end
  return true
end
return { main = main }
