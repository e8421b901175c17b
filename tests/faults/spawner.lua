-- For tests/faults.sh: start sleepers on the strict host, and as many busy
-- processes that never read their socket (only PR_SET_PDEATHSIG ends
-- those), write every OS pid (its own first) to `path`, then wait for the
-- broker to be killed.
local time = require("time")
local function main(path, n)
  local ospids = process.listen("ospid")
  local list = { tostring(process._test_ospid()) }
  for _ = 1, tonumber(n) do
    assert(process.spawn("faults:victim", "faults:strict", "sleeper", process.pid()))
    assert(process.spawn("faults:victim", "faults:strict", "busy", process.pid(), "busy"))
  end
  for _ = 1, 2 * tonumber(n) do
    local r = channel.select { ospids:case_receive(), time.after("10s"):case_receive() }
    if r.channel ~= ospids then error("a sleeper did not tell its OS pid") end
    list[#list + 1] = tostring(r.value)
  end
  local f = assert(io.open(path .. ".tmp", "w"))
  f:write(table.concat(list, "\n"), "\n")
  f:close()
  assert(os.rename(path .. ".tmp", path))
  process.listen("never"):receive()
end
return { main = main }
