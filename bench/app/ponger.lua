local function main()
  local ch = process.listen("ping", { message = true })
  while true do
    local msg = ch:receive()
    process.send(msg:from(), "pong", msg:payload())
  end
end
return { main = main }
