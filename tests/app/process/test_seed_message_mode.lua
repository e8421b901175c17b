-- Seed section "message mode": the seed's echo worker (echo_worker.lua,
-- unchanged) sends the payload back to msg:from() on topic "reply".
local time = require("time")
local function main()
  local replies = process.listen("reply", { message = true })
  local pid, err = process.spawn("app.test.process:echo_worker", "app:processes")
  if err then return false, "spawn failed: " .. err end
  local payload = { n = 42, list = { 1, 2, 3 }, name = "héllo" }
  local ok, serr = process.send(pid, "echo", payload)
  if not ok then return false, "send failed: " .. tostring(serr) end
  local r = channel.select { replies:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= replies then return false, "no reply from echo worker" end
  local msg = r.value
  if msg:topic() ~= "reply" then return false, "topic " .. tostring(msg:topic()) end
  if msg:from() ~= pid then return false, "from " .. tostring(msg:from()) .. " expected " .. pid end
  local p = msg:payload()
  if p.n ~= 42 or math.type(p.n) ~= "integer" or #p.list ~= 3 or p.list[3] ~= 3 or p.name ~= "héllo" then
    return false, "payload changed on the way"
  end
  return true
end
return { main = main }
