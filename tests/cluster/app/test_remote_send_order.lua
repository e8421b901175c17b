-- 1000 numbered messages each way between nodes arrive all, in order.
local t = require("t")
local N = 1000
local function main()
  t.ready()
  local me = process.pid()
  local collected = process.listen("collected")
  local c = assert(process.spawn("remote:collector", "remote:procs@" .. t.other, me, N))
  for i = 1, N do assert(process.send(c, "n", i)) end
  local v = t.recv(collected, 20)
  if v ~= true then return false, "there: " .. tostring(v) end
  -- And back: a process there sends 1..N here.
  local ch = process.listen("n")
  assert(process.spawn("remote:numbers", "remote:procs@" .. t.other, me, N))
  for i = 1, N do
    local got = t.recv(ch, 20)
    if got ~= i then return false, "here: expected " .. i .. ", got " .. tostring(got) end
  end
  return true
end
return { main = main }
