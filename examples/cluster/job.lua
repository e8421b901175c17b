-- One job: squares n after `ms` milliseconds, and says where it ran.
local time = require("time")
local function main(n, ms)
  time.sleep(tostring(ms or 200) .. "ms")
  return { n = n, square = n * n, node = process.node() }
end
return { main = main }
