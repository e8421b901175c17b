-- Answer one greeting request, then exit.
local function main()
  local requests = process.listen("greet", { message = true })
  local msg = requests:receive()
  local who = msg:payload().name
  print("greeting " .. who .. " for " .. msg:from())
  process.send(msg:from(), "greeting", "hello, " .. who .. ", from " .. process.pid())
end

return { main = main }
