-- Lives until killed or sent "exit" (payload "error" makes it fail).
local function main()
  local ch = process.listen("exit")
  local how = ch:receive()
  if how == "error" then error("child told to fail") end
  return how
end
return { main = main }
