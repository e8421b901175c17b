-- Spawn a greeter process, send it a request, wait for its answer.
local time = require("time")

local function main(name)
  local replies = process.listen("greeting")
  local pid, err = process.spawn("hello:greeter", "hello:processes")
  if not pid then
    error("spawn failed: " .. err)
  end
  process.send(pid, "greet", { name = name or "world" })
  local r = channel.select {
    replies:case_receive(),
    time.after("5s"):case_receive(),
  }
  if r.channel ~= replies then
    error("the greeter did not answer within 5s")
  end
  return r.value
end

return { main = main }
