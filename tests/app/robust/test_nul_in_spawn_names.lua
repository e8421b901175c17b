-- A NUL byte in a spawn's entry or host name is refused with nil, err,
-- for every spawn flavour; the spawner lives on and spawns fine after.
local function expect_err(what, pid, err)
  if pid ~= nil then error(what .. ": spawned " .. tostring(pid)) end
  if type(err) ~= "string" or not err:find("NUL") then
    error(what .. ": error " .. tostring(err) .. " does not name the NUL byte")
  end
end
local function main()
  local entry, host = "app.test.robust:test_nul_in_topic", "app:processes"
  for _, spawn in ipairs { process.spawn, process.spawn_monitored, process.spawn_linked } do
    expect_err("entry", spawn(entry .. "\0x", host))
    expect_err("host", spawn(entry, host .. "\0"))
    expect_err("entry starting with NUL", spawn("\0", host))
  end
  local events = process.events()
  local pid = assert(process.spawn_monitored(entry, host))
  local ev = events:receive()
  if ev.from ~= pid or ev.result ~= true then return false, "spawn after the refusals failed" end
  return true
end
return { main = main }
