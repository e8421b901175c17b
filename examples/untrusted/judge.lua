-- Runs a user-supplied Lua file (its text is the argument) in its own
-- process on the tight host, and reports how it ended: a result, an
-- error, or the limit it broke. It never runs the code itself.
local time = require("time")

local limits = { memory = true, cpu = true, timeout = true, mailbox = true }

local function main(source, deadline)
  deadline = deadline or "10s"   -- a backstop: the host's wall_limit comes first
  local events = process.events()
  local pid, err = process.spawn_monitored("untrusted:sandbox",
    "untrusted:tight", source)
  if not pid then
    return { outcome = "error", error = "cannot start: " .. err }
  end
  local timeout = time.after(deadline)
  while true do
    local r = channel.select { events:case_receive(), timeout:case_receive() }
    if r.channel == timeout then
      process.terminate(pid)
      timeout = time.after("1h")
      deadline = "over " .. deadline .. " of wall time"
    elseif r.value.kind == process.event.EXIT and r.value.from == pid then
      local ev = r.value
      if ev.reason == "normal" then
        return { outcome = "result", result = ev.result }
      elseif ev.reason == "terminated" then
        return { outcome = "limit", reason = "wall", error = deadline }
      elseif limits[ev.reason] then
        return { outcome = "limit", reason = ev.reason, error = ev.error }
      end
      return { outcome = "error", reason = ev.reason, error = ev.error }
    end
  end
end

return { main = main }
