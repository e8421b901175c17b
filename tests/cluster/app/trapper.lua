-- Traps links, links to peer, says "linked"; every LINK_DOWN is
-- forwarded to `test` as "down" {from, reason, error}. Ends on "stop".
local function main(test, peer)
  process.set_options({ trap_links = true })
  local ok, err = process.link(peer)
  process.send(test, "linked", ok and true or err)
  local events = process.events()
  local stop = process.listen("stop")
  while true do
    local r = channel.select { events:case_receive(), stop:case_receive() }
    if r.channel == stop then return true end
    local ev = r.value
    if ev.kind == process.event.LINK_DOWN then
      process.send(test, "down", { from = ev.from, reason = ev.reason, error = ev.error })
    end
  end
end
return { main = main }
