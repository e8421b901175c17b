-- Run by tests/faults.sh as `forkbox run --max-queued B`: n strict
-- victims each send most of one large frame (mib MiB of it) and stall.
-- What the broker holds of unfinished frames is its memory too, so it
-- counts in the --max-queued budget: the largest holders are killed with
-- reason "mailbox" until the broker is under it, and its memory stays
-- under the budget (and SLACK). (Before: nobody killed; n x mib MiB held.)
-- Returns true, or false and why.
local H = require("harness")
local time = require("time")
local SLACK_MIB = 8

local function main(n, mib, budget_mib)
  n, mib, budget_mib = tonumber(n), tonumber(mib), tonumber(budget_mib)
  local events = process.events()
  local before = H.broker_rss()
  local victims, ended, killed = {}, 0, 0
  for i = 1, n do
    victims[i] = assert(process.spawn_monitored("faults:victim", "faults:strict", "halfsend", mib))
  end
  -- Each victim either ends (killed for the budget) or its bytes arrive;
  -- wait until at least n * mib - budget MiB worth of victims has ended,
  -- or the deadline.
  local need = math.ceil((n * mib - budget_mib) / mib)
  local deadline = time.now() + 20
  local peak, why = before, {}
  while ended < need and time.now() < deadline do
    local r = channel.select { events:case_receive(), time.after("200ms"):case_receive() }
    peak = math.max(peak, H.broker_rss())
    if r.channel == events and r.value.kind == process.event.EXIT then
      ended = ended + 1
      if r.value.reason == "mailbox" then killed = killed + 1 end
      why[#why + 1] = tostring(r.value.reason) .. ": " .. tostring(r.value.error)
    end
  end
  print(string.format("halfsend: %d victims x %d MiB, budget %d MiB: %d killed for it; broker RSS %d KiB before, peak %d; %s",
    n, mib, budget_mib, killed, before, peak, why[1] or "no exit"))
  for _, pid in ipairs(victims) do process.terminate(pid) end
  if killed < need then
    return false, string.format("%d of the %d victims needed were killed for the budget (%s)",
      killed, need, table.concat(why, "; "))
  end
  return H.within_budget(before, peak, budget_mib, SLACK_MIB)
end
return { main = main }
