-- A channel.select that fails part way leaves nothing queued. A case may
-- run code when it is read (a metamethod on the case metatable, which
-- getmetatable returns); here it raises the second time, after select
-- has queued its receiver on the first case's channel. On the old code
-- that receiver stayed queued: a later send on the channel "completed"
-- it, waking a task that was not waiting for it, or one already ended
-- and freed (memory corruption from Lua).
local function main()
  local a = channel.new()
  local mt = getmetatable(a:case_receive())
  local sly = setmetatable({}, mt)	-- no fields of its own
  local reads = 0
  mt.__index = function(t, k)
    if rawequal(t, sly) and k == "channel" then
      reads = reads + 1
      if reads >= 2 then error("read twice") end
      return channel.new()		-- never ready
    end
  end
  local ok = pcall(channel.select, { a:case_receive(), sly })
  mt.__index = nil
  if ok then return false, "select with a failing case did not fail" end
  local r = channel.select { a:case_send("x"), default = true }
  if not r.default then
    return false, "a failed select left its receiver queued on the channel"
  end
  -- The same from a task that then ends: nothing of it may be woken.
  reads = 0
  mt.__index = function(t, k)
    if rawequal(t, sly) and k == "channel" then
      reads = reads + 1
      if reads >= 2 then error("read twice") end
      return channel.new()
    end
  end
  local done = channel.new(1)
  coroutine.spawn(function()
    pcall(channel.select, { a:case_receive(), sly })
    done:send(true)
  end)
  done:receive()
  mt.__index = nil
  r = channel.select { a:case_send("y"), default = true }
  if not r.default then
    return false, "an ended task's failed select still received on the channel"
  end
  return true
end
return { main = main }
