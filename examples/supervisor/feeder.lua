-- Sends a numbered job to whoever holds the name "flaky", every `every`.
-- While flaky is down the jobs are dropped (forkbox stats counts them).
local time = require("time")

local function main(every)
  local events = process.events()
  local n = 0
  while true do
    local r = channel.select {
      events:case_receive(),
      time.after(every):case_receive(),
    }
    if r.channel == events then
      if r.value.kind == process.event.CANCEL then
        return n
      end
    else
      n = n + 1
      process.send("flaky", "job", n)
    end
  end
end

return { main = main }
