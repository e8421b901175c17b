-- Channels: rendezvous, buffering, close, select with default, case_send.
local function main()
  -- Unbuffered: send blocks until a receiver takes it.
  local ch = channel.new()
  local order = {}
  coroutine.spawn(function()
    order[#order + 1] = "send start"
    ch:send("v")
    order[#order + 1] = "send done"
  end)
  local v, ok = ch:receive()
  order[#order + 1] = "received"
  if v ~= "v" or ok ~= true then return false, "receive gave " .. tostring(v) .. " " .. tostring(ok) end

  -- Buffered: sends up to capacity do not block.
  local b = channel.new(3)
  b:send(1); b:send(2); b:send(3)
  local r = channel.select { b:case_send(4), default = true }
  if not r.default then return false, "send on a full channel was ready" end
  if b:receive() ~= 1 then return false, "buffer order" end

  -- Close: buffered values drain, then nil, false.
  b:close()
  if b:receive() ~= 2 or b:receive() ~= 3 then return false, "drain after close" end
  v, ok = b:receive()
  if v ~= nil or ok ~= false then return false, "receive on closed+empty gave ok=" .. tostring(ok) end
  if pcall(b.send, b, 5) then return false, "send on a closed channel did not raise" end
  r = channel.select { b:case_receive() }
  if r.channel ~= b or r.ok ~= false then return false, "select on closed channel: ok=" .. tostring(r.ok) end

  -- Select with default when nothing is ready.
  local empty = channel.new(1)
  r = channel.select { empty:case_receive(), default = true }
  if not r.default or r.ok ~= true or r.channel ~= nil or r.value ~= nil then return false, "default case" end

  -- Select picks the ready case; case_send delivers.
  local a, c = channel.new(1), channel.new(1)
  c:send("ready")
  r = channel.select { a:case_receive(), c:case_receive() }
  if r.channel ~= c or r.value ~= "ready" or r.ok ~= true then return false, "select chose wrong case" end
  r = channel.select { a:case_send("x") }
  if r.channel ~= a or a:receive() ~= "x" then return false, "case_send" end

  -- Blocking select wakes when another coroutine sends.
  local late = channel.new()
  coroutine.spawn(function() late:send(99) end)
  r = channel.select { late:case_receive() }
  if r.value ~= 99 then return false, "select did not wake" end
  if order[1] ~= "send start" then return false, "coroutine order " .. table.concat(order, ",") end

  -- A channel method on anything else raises (the check compares
  -- metatables by pointer): a table, another userdata, nil.
  local ok2, err = pcall(ch.receive, {})
  if ok2 or not tostring(err):find("forkbox.channel expected", 1, true) then
    return false, "receive on a table: " .. tostring(err)
  end
  local me = process.pid()
  process.send(me, "not_a_channel", 1)
  local msg = process.listen("not_a_channel", { message = true }):receive()
  if pcall(ch.send, msg, 1) or pcall(ch.close, nil) or pcall(ch.receive, io) then
    return false, "a message object or nil passed as a channel"
  end
  return true
end
return { main = main }
