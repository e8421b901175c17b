-- A - B - C linked in a chain; C fails: B dies with "link", then A.
local time = require("time")
local function main()
  local me = process.pid()
  local events = process.events()
  local ready = process.listen("ready")
  local function start(link_to)
    local pid = assert(process.spawn_monitored("app.test.process:chain_link", "app:processes", me, link_to))
    local r = channel.select { ready:case_receive(), time.after("5s"):case_receive() }
    if r.channel ~= ready then error("chain link never got ready") end
    return pid
  end
  local a = start(nil)
  local b = start(a)
  local c = start(b)
  process.send(c, "exit", "fail")
  local got = {}
  local deadline = time.after("5s")
  for _ = 1, 3 do
    local r = channel.select { events:case_receive(), deadline:case_receive() }
    if r.channel == deadline then return false, "not all three exited" end
    got[r.value.from] = r.value.reason
  end
  if got[c] ~= "error" or got[b] ~= "link" or got[a] ~= "link" then
    return false, string.format("reasons c=%s b=%s a=%s", tostring(got[c]), tostring(got[b]), tostring(got[a]))
  end
  return true
end
return { main = main }
