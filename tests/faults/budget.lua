-- Run by tests/faults.sh as `forkbox run --max-queued B`: n monitored
-- children return 1 MiB each, one after the other, to a parent that does
-- not read. Their EXIT events count in its mailbox (its host's
-- mailbox_limit is larger than all of them), so the broker's queues reach
-- the budget and the parent, the largest mailbox, is killed with reason
-- "mailbox"; the broker's memory stays under the budget throughout (and
-- the few frames in flight: SLACK).
-- Returns true, or false and why.
local H = require("harness")
local time = require("time")
local SLACK_MIB = 8	-- a result being read, copied, and queued to us

local function main(n, budget_mib, how)
  n, budget_mib = tonumber(n), tonumber(budget_mib)
  local events, listed = process.events(), process.listen("children")
  local parent = assert(process.spawn_monitored("faults:hoarder", "faults:hoard", "parent",
    process.pid(), n, how or "sleep"))
  local r = channel.select { listed:case_receive(), events:case_receive(),
    time.after("120s"):case_receive() }
  if r.channel ~= listed then
    return false, "the parent did not spawn its children: " ..
      (r.channel == events and tostring(r.value.error) or "timed out")
  end
  local children = r.value
  local before = H.broker_rss()
  local peak, killed = before, nil
  local deadline = time.now() + 300
  -- One child at a time: the broker reads one 1 MiB result at a time,
  -- and what grows is the parent's mailbox.
  for _, child in ipairs(children) do
    process.monitor(child)
    process.send(child, "go")
    while true do
      r = channel.select { events:case_receive(), time.after("1s"):case_receive() }
      peak = math.max(peak, H.broker_rss())
      if time.now() > deadline then return false, "not over within 300s" end
      if r.channel == events then
        if r.value.from == parent then killed = r.value end
        if r.value.from == child then break end
      end
    end
  end
  print(string.format("budget: %d children; broker RSS %d KiB before, peak %d (budget %d MiB); parent: %s (%s)",
    n, before, peak, budget_mib, killed and killed.reason or "alive",
    killed and tostring(killed.error) or ""))
  if not killed or killed.reason ~= "mailbox" then
    return false, string.format("the parent ended with %s (%s), not mailbox",
      killed and tostring(killed.reason) or "nothing", killed and tostring(killed.error) or "")
  end
  return H.within_budget(before, peak, budget_mib, SLACK_MIB)
end
return { main = main }
