-- Runs until told to stop (topic "stop") or killed; returns what it was told.
local function main()
  local ch = process.listen("stop")
  local why = ch:receive()
  return why
end
return { main = main }
