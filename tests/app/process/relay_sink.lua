-- Takes every message on "sink" and answers nothing; with a reply_to, it
-- answers each on "sunk" instead.
local function main(reply_to)
  local ch = process.listen("sink")
  while true do
    local v = ch:receive()
    if reply_to then process.send(reply_to, "sunk", v) end
  end
end
return { main = main }
