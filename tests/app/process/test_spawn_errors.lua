-- spawn returns nil, err for unknown entries and hosts and bad arguments;
-- good arguments arrive intact.
local time = require("time")
local function main()
  local pid, err = process.spawn("app.test.process:no_such_entry", "app:processes")
  if pid ~= nil or not tostring(err):find("unknown entry") then return false, "unknown entry: " .. tostring(err) end
  pid, err = process.spawn("app.test.process:echo_worker", "app:nowhere")
  if pid ~= nil or not tostring(err):find("unknown host") then return false, "unknown host: " .. tostring(err) end
  pid, err = process.spawn("app.test.process:echo_worker", "app:processes", 1, { f = print })
  if pid ~= nil or not tostring(err):find("cannot encode argument 2%.f: function") then
    return false, "bad argument: " .. tostring(err)
  end
  local events = process.events()
  pid = assert(process.spawn_monitored("app.test.process:args_worker", "app:processes", "s", 7, 2.5, { k = { 1, 2 } }))
  local r = channel.select { events:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= events then return false, "args worker did not exit" end
  local got = r.value.result
  if type(got) ~= "table" then return false, "args worker: " .. tostring(r.value.error) end
  if got[1] ~= "s" or got[2] ~= 7 or math.type(got[2]) ~= "integer" or got[3] ~= 2.5 or got[4].k[2] ~= 2 then
    return false, "arguments changed on the way"
  end
  return true
end
return { main = main }
