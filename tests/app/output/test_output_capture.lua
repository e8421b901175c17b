-- output: capture: what a process printed arrives as event.output of its
-- EXIT and LINK_DOWN (a newline after each line), whether it ended
-- normally or not.
local time = require("time")
local function exit_of(events, pid)
  local r = channel.select { events:case_receive(), time.after("10s"):case_receive() }
  if r.channel ~= events then error("no EXIT within 10s") end
  if r.value.from ~= pid then error("EXIT from another pid") end
  return r.value
end
local function main()
  local events = process.events()
  local pid = assert(process.spawn_monitored("app.test.output:printer",
    "app.test.output:capture", "multi"))
  local ev = exit_of(events, pid)
  if ev.reason ~= "normal" or ev.result ~= "ok" then
    return false, "exit: " .. tostring(ev.reason) .. " " .. tostring(ev.error)
  end
  -- escaped as the log escapes them: an ESC cannot reach a terminal
  if ev.output ~= "one\ntwo\tthree\nfour\nesc\\x1b[31m\\xff\n" then
    return false, "output: " .. tostring(ev.output)
  end
  -- A crash keeps what was printed before it, and the traceback.
  pid = assert(process.spawn_monitored("app.test.output:printer",
    "app.test.output:capture", "error", 10))
  ev = exit_of(events, pid)
  if ev.reason ~= "error" or ev.error ~= "eeeeeeeeee" then
    return false, "error exit: " .. tostring(ev.reason) .. " " .. tostring(ev.error)
  end
  if type(ev.output) ~= "string" or not ev.output:find("stack traceback", 1, true) then
    return false, "error output: " .. tostring(ev.output)
  end
  -- A trapped LINK_DOWN carries it too.
  assert(process.set_options { trap_links = true })
  pid = assert(process.spawn_linked("app.test.output:printer",
    "app.test.output:capture", "error", 3))
  ev = exit_of(events, pid)
  if ev.kind ~= process.event.LINK_DOWN or type(ev.output) ~= "string" or
      not ev.output:find("stack traceback", 1, true) then
    return false, "link down: " .. tostring(ev.kind) .. " " .. tostring(ev.output)
  end
  -- A host that logs has no output field.
  pid = assert(process.spawn_monitored("app.test.output:printer",
    "app.test.output:logged", "lines", 2, "logged"))
  ev = exit_of(events, pid)
  if ev.reason ~= "normal" or ev.output ~= nil then
    return false, "logged: " .. tostring(ev.reason) .. " " .. tostring(ev.output)
  end
  return true
end
return { main = main }
