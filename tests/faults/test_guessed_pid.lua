-- A pid is unguessable: the one after a live pid in sequence, the one
-- before, and every pid one hex digit away from a live one reach nobody
-- (a send is dropped, a monitor says noproc, terminate, cancel and link
-- fail).
local H = require("harness")
local time = require("time")

local function split(pid)
  local head, id = pid:match("^({[^|]*|[^|]*|)(%x+)}$")
  assert(head, "not a pid: " .. pid)
  return head, id
end

local function add(pid, n)
  local head, id = split(pid)
  return head .. string.format("%0" .. #id .. "x", tonumber(id, 16) + n) .. "}"
end

-- Each guess once.
local function guesses(live)
  local out, seen = {}, {}
  local function guess(pid)
    if not seen[pid] then seen[pid] = true out[#out + 1] = pid end
  end
  for _, pid in ipairs(live) do
    guess(add(pid, 1))
    guess(add(pid, -1))
    local head, id = split(pid)
    for i = 1, #id do
      for d = 0, 15 do
        local digit = string.format("%x", d)
        if digit ~= id:sub(i, i) then
          guess(head .. id:sub(1, i - 1) .. digit .. id:sub(i + 1) .. "}")
        end
      end
    end
  end
  return out
end

local function main()
  local ctx = H.start()
  local me = process.pid()
  local echoes = process.listen("echo")
  local a = assert(process.spawn("faults:victim", "faults:strict", "echo", me))
  local b = assert(process.spawn("faults:victim", "faults:strict", "echo", me))
  local live = { a, b, ctx.server }
  local list = guesses(live)
  local is_live = {}
  for _, pid in ipairs(live) do is_live[pid] = true end
  local noproc = {}
  for _, g in ipairs(list) do
    if is_live[g] then return false, "a guess is a live pid: " .. g end
    assert(process.send(g, "guessed"))
    assert(process.monitor(g))
    local ok = process.terminate(g)
    if ok then return false, "terminate reached " .. g end
    if process.cancel(g, "10s") then return false, "cancel reached " .. g end
    if process.link(g) then return false, "link reached " .. g end
  end
  -- Every monitor says noproc at once.
  local deadline = time.after("10s")
  local left = #list
  while left > 0 do
    local r = channel.select { ctx.events:case_receive(), deadline:case_receive() }
    if r.channel == deadline then return false, left .. " monitors of guessed pids did not say noproc" end
    local ev = r.value
    if ev.kind ~= process.event.EXIT or ev.reason ~= "noproc" then
      return false, "a guessed pid answered: " .. tostring(ev.kind) .. " " .. tostring(ev.reason) .. " from " .. tostring(ev.from)
    end
    if not noproc[ev.from] then noproc[ev.from] = true left = left - 1 end
  end
  -- The live ones got only what was sent to them by pid.
  for _, pid in ipairs { a, b } do
    process.send(pid, "marker")
    local r = channel.select { echoes:case_receive(), time.after("5s"):case_receive() }
    if r.channel ~= echoes then return false, "no echo from " .. pid end
    if r.value ~= "marker" then return false, pid .. " got a message sent to a guessed pid" end
  end
  H.ping(ctx)
  if H.bystander_events(ctx) ~= 0 then return false, "an event reached the bystander" end
  print(string.format("%d guessed pids around %s reached nobody", #list, a))
  return true
end
return { main = main }
