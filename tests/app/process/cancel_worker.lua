-- On CANCEL: exits cleanly if told to obey, otherwise ignores it.
local function main(obey)
  local events = process.events()
  local ev = events:receive()
  if ev.kind ~= process.event.CANCEL then return "unexpected " .. tostring(ev.kind) end
  if obey then return { cancelled_by = ev.from, deadline = ev.deadline } end
  while true do events:receive() end
end
return { main = main }
