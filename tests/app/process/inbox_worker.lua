local function main()
local inbox_ch = process.inbox()
local specific_ch = process.listen("specific_topic")
while true do
local result = channel.select({
specific_ch:case_receive(),
inbox_ch:case_receive()
})
if result.channel == specific_ch then
-- 发送到 "specific_topic" 的消息到达这里
local payload = result.value
elseif result.channel == inbox_ch then
-- 发送到任何其他主题的消息到达这里
local msg = result.value
print("Inbox got:", msg.topic, msg.payload)
end
end
end
return { main = main }
