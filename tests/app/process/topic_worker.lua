-- 监听 "messages" 主题消息的 Worker
local function main()
local ch = process.listen("messages")
local msg = ch:receive()
if msg then
-- msg 直接是负载
print("Received:", msg)
return true
end
return false
end
return { main = main }
