-- Links to peer without trapping, says "linked", then waits: the end of
-- peer, when abnormal, ends it with reason "link".
local function main(test, peer)
  local ok, err = process.link(peer)
  process.send(test, "linked", ok and true or err)
  process.listen("stop"):receive()
  return true
end
return { main = main }
