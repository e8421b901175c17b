-- Shared by the fault tests: a bystander that must keep answering while a
-- victim dies, waiting for the victim's EXIT with a deadline, and the
-- broker's resources as /proc shows them (tests run on faults:trusted,
-- where io and io.popen exist).
local time = require("time")

local H = {}

-- The broker is our parent: field 4 of /proc/self/stat.
function H.broker_pid()
  local f = assert(io.open("/proc/self/stat"))
  local stat = f:read("a")
  f:close()
  return tonumber(stat:match("^%d+ %b() %S+ (%d+)"))
end

local function slurp(path)
  local f = io.open(path)
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end
H.slurp = slurp

-- Bytes as hex text: spawn arguments must be valid UTF-8.
function H.hex(s)
  return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

-- Resident set size of the broker, KiB.
function H.broker_rss()
  return tonumber(slurp("/proc/" .. H.broker_pid() .. "/status"):match("VmRSS:%s*(%d+)"))
end

-- The broker's RSS (KiB, before and at its peak) stayed within a budget
-- of budget_mib and slack_mib more: true, or false and why.
function H.within_budget(before, peak, budget_mib, slack_mib)
  if peak - before > (budget_mib + slack_mib) * 1024 then
    return false, string.format("broker RSS rose by %d KiB, over the %d MiB budget (and %d MiB slack)",
      peak - before, budget_mib, slack_mib)
  end
  return true
end

-- Open descriptors of the broker.
function H.broker_fds()
  local p = assert(io.popen("ls /proc/" .. H.broker_pid() .. "/fd"))
  local n = 0
  for _ in p:lines() do n = n + 1 end
  p:close()
  return n
end

-- Children of the broker (workers, idle pool included) and how many are
-- zombies.
function H.broker_children()
  local bp = H.broker_pid()
  -- (a kernel without CONFIG_PROC_CHILDREN has no such file: then every
  -- leak check would pass on 0 children, so say so instead)
  local list = assert(slurp("/proc/" .. bp .. "/task/" .. bp .. "/children"),
    "no /proc/PID/task/PID/children here: the leak checks cannot count")
  local n, zombies = 0, 0
  for pid in list:gmatch("%d+") do
    n = n + 1
    local stat = slurp("/proc/" .. pid .. "/stat")
    if stat and stat:match("^%d+ %b() (%S)") == "Z" then zombies = zombies + 1 end
  end
  return n, zombies
end

-- The pid of ospid (a pid in the broker's namespace, as /proc shows it)
-- in our own PID namespace: the last of its NSpid numbers at our depth.
-- A broker that is not root forks even trusted workers into the jail's.
function H.local_pid(ospid)
  local function nspids(path)
    local t = {}
    local line = (slurp(path) or ""):match("NSpid:([^\n]*)") or ""
    for n in line:gmatch("%d+") do t[#t + 1] = tonumber(n) end
    return t
  end
  local target = nspids("/proc/" .. ospid .. "/status")
  return target[#nspids("/proc/self/status")] or ospid
end

function H.alive(ospid)
  local stat = slurp("/proc/" .. ospid .. "/stat")
  return stat ~= nil and stat:match("^%d+ %b() (%S)") ~= "Z"
end

-- A sleeping victim on host: its pid and its OS pid (as /proc shows it).
function H.sleeper(host)
  local ospids = process.listen("ospid")
  local pid = assert(process.spawn_monitored("faults:victim", host, "sleeper", process.pid()))
  local r = channel.select { ospids:case_receive(), time.after("5s"):case_receive() }
  process.unlisten(ospids)
  if r.channel ~= ospids then error("no OS pid from " .. host, 2) end
  return pid, r.value
end

-- Poll fn() until it returns true, for at most `within`; never a bare sleep.
function H.wait_for(what, within, fn)
  local deadline = time.now() + within
  while true do
    if fn() then return true end
    if time.now() > deadline then error("timed out waiting for " .. what, 2) end
    time.sleep("20ms")
  end
end

-- Start the bystander: a process on the strict host that answers pings
-- throughout. Returns the test's context.
function H.start()
  local ctx = { events = process.events(), pongs = process.listen("pong"), n = 0, pings = 0 }
  ctx.server = assert(process.spawn_monitored("faults:bystander", "faults:strict"))
  H.ping(ctx)
  local ospids = process.listen("ospid")
  process.send(ctx.server, "ospid")
  local r = channel.select { ospids:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= ospids then error("bystander did not tell its OS pid") end
  ctx.server_ospid = r.value
  process.unlisten(ospids)
  return ctx
end

-- One round trip with the bystander, within 3s (answers to earlier pings
-- may still be on their way).
function H.ping(ctx)
  ctx.n = ctx.n + 1
  process.send(ctx.server, "ping", ctx.n)
  local timeout = time.after("3s")
  repeat
    local r = channel.select { ctx.pongs:case_receive(), timeout:case_receive() }
    if r.channel ~= ctx.pongs then error("bystander did not answer ping " .. ctx.n, 2) end
    ctx.pings = ctx.pings + 1
  until r.value == ctx.n
end

-- How many events have reached the bystander.
function H.bystander_events(ctx)
  local replies = process.listen("events")
  process.send(ctx.server, "events")
  local r = channel.select { replies:case_receive(), time.after("3s"):case_receive() }
  process.unlisten(replies)
  if r.channel ~= replies then error("bystander did not say how many events it got", 2) end
  return r.value
end

local function measure()
  local s = { fds = H.broker_fds(), rss = H.broker_rss() }
  s.children, s.zombies = H.broker_children()
  return s
end

-- The broker's resources, once they hold still for 200ms (the idle pool
-- refills after each spawn).
function H.snapshot()
  local s, same = measure(), 0
  H.wait_for("the broker to settle", 5, function()
    time.sleep("50ms")
    local t = measure()
    if t.fds == s.fds and t.children == s.children then
      same = same + 1
    else
      same = 0
    end
    s = t
    return same >= 4
  end)
  return s
end

-- Warm the idle pool of a host, so that a baseline taken afterwards
-- already counts it.
function H.warm(host)
  local pid = assert(process.spawn_monitored("faults:quick", host, 0))
  local deadline = time.after("10s")
  while true do
    local r = channel.select { process.events():case_receive(), deadline:case_receive() }
    if r.channel == deadline then error("warming " .. host .. ": no exit") end
    if r.value.from == pid then return end
  end
end

-- Wait for pid's EXIT, pinging the bystander all along; check its reason
-- and that its error matches `pattern` (plain text). Returns the event.
function H.expect_exit(ctx, pid, reason, pattern, within)
  local deadline = time.now() + (within or 10)
  local sent, pings = nil, ctx.pings
  local next_ping = 0
  while true do
    local now = time.now()
    if not sent and now >= next_ping then
      ctx.n = ctx.n + 1
      process.send(ctx.server, "ping", ctx.n)
      sent = now
    end
    local r = channel.select { ctx.events:case_receive(), ctx.pongs:case_receive(),
      time.after("50ms"):case_receive() }
    if r.channel == ctx.pongs then
      if r.value ~= ctx.n then error("bystander answered " .. tostring(r.value) .. ", not " .. ctx.n) end
      ctx.pings = ctx.pings + 1
      sent, next_ping = nil, time.now() + 0.02
    elseif r.channel == ctx.events then
      local ev = r.value
      if ev.from == ctx.server then
        error("the bystander died: " .. tostring(ev.reason) .. ": " .. tostring(ev.error))
      end
      if ev.kind == process.event.EXIT and ev.from == pid then
        if ev.reason ~= reason or (pattern and not tostring(ev.error):find(pattern, 1, true)) then
          error(string.format("victim exited with reason %s (%s); expected %s (%s)",
            tostring(ev.reason), tostring(ev.error), reason, tostring(pattern)), 2)
        end
        H.ping(ctx)
        if ctx.pings - pings < 2 then error("the bystander was not exercised") end
        return ev
      end
    end
    if sent and time.now() - sent > 3 then error("the bystander stopped answering") end
    if time.now() > deadline then
      error("no EXIT (" .. reason .. ") from the victim within " .. (within or 10) .. "s", 2)
    end
  end
end

-- After a victim is gone: the broker's descriptors and children come back
-- to what they were (the pool refills), and no zombie is left.
function H.expect_no_leak(before, rss_slack_kib)
  local now
  H.wait_for("the broker's fds and children to settle back", 5, function()
    now = measure()
    return now.fds == before.fds and now.children == before.children and now.zombies == 0
  end)
  if rss_slack_kib and now.rss - before.rss > rss_slack_kib then
    error(string.format("broker RSS grew from %d KiB to %d KiB", before.rss, now.rss), 2)
  end
  return now
end

-- The usual case: spawn a monitored victim, expect its EXIT, check leaks.
function H.case(ctx, entry, host, reason, pattern, within, ...)
  H.warm(host)
  local before = H.snapshot()
  local pid = assert(process.spawn_monitored(entry, host, ...))
  local ev = H.expect_exit(ctx, pid, reason, pattern, within)
  local after = H.expect_no_leak(before, 5 * 1024)
  print(string.format("%s on %s: %s: %s (broker RSS %d -> %d KiB)", entry, host,
    ev.reason, tostring(ev.error), before.rss, after.rss))
  return ev
end

-- Run faults:attacker on host with a list of operations; returns its
-- answers, one {ok, value, err} per operation.
function H.attack(ctx, host, ops)
  local pid = assert(process.spawn_monitored("faults:attacker", host, ops))
  local ev = H.expect_exit(ctx, pid, "normal", nil, 20)
  if type(ev.result) ~= "table" or #ev.result ~= #ops then
    error("attacker on " .. host .. " returned no answers: " .. tostring(ev.error), 2)
  end
  return ev.result
end

-- An answer must be a refusal whose text holds `want` (plain).
function H.refused(what, answer, want)
  if answer.ok then
    error(what .. ": not refused (returned " .. tostring(answer.value) .. ")", 2)
  end
  if not tostring(answer.err):find(want, 1, true) then
    error(what .. ": refused with \"" .. tostring(answer.err) .. "\", expected \"" .. want .. "\"", 2)
  end
end

-- An answer must be a success.
function H.allowed(what, answer)
  if not answer.ok then error(what .. ": refused: " .. tostring(answer.err), 2) end
end

-- A signal sent to a victim's OS pid from outside: its monitor gets EXIT
-- "signal" with `text`, the broker and the bystander carry on, no leak.
function H.signal_case(sig, name, text)
  local time = require("time")
  local ctx = H.start()
  H.warm("faults:strict")
  local before = H.snapshot()
  local ospids = process.listen("ospid")
  local pid = assert(process.spawn_monitored("faults:victim", "faults:strict", "sleeper", process.pid()))
  local r = channel.select { ospids:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= ospids then error("the victim did not tell its OS pid", 2) end
  assert(process._test_syscall("kill", H.local_pid(r.value), sig))
  H.expect_exit(ctx, pid, "signal", text)
  local after = H.expect_no_leak(before, 5 * 1024)
  print(string.format("%s: broker RSS %d -> %d KiB", name, before.rss, after.rss))
  return true
end

return H
