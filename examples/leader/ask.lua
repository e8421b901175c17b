-- Asks leader@* where it runs: sends "who" and waits for the answer,
-- again every 200ms (a new leader may be taking over) for up to 10s.
local time = require("time")

local function main()
  local inbox = process.inbox()
  local stop = time.now() + 10
  while time.now() < stop do
    process.send("leader@*", "who")
    local r = channel.select { inbox:case_receive(), time.after("200ms"):case_receive() }
    if r.channel == inbox then return r.value:payload() end
  end
  error("no leader answered within 10s", 0)
end

return { main = main }
