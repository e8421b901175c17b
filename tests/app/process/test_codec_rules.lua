-- Payload rules (spec section 4), checked across a real process boundary.
local function roundtrip(v)
  local me = process.pid()
  local ch = process.listen("rt")
  assert(process.send(me, "rt", v))
  return ch:receive()
end
local function refused(v, pattern)
  local ok, err = process.send(process.pid(), "rt", v)
  if ok ~= nil or type(err) ~= "string" or not err:find(pattern) then
    error("expected refusal matching '" .. pattern .. "', got " .. tostring(ok) .. " " .. tostring(err))
  end
end
local function main()
  local v = roundtrip(3)
  if math.type(v) ~= "integer" then return false, "3 came back as " .. math.type(v) end
  v = roundtrip(3.0)
  if math.type(v) ~= "float" or v ~= 3.0 then return false, "3.0 came back as " .. tostring(math.type(v)) end
  v = roundtrip(math.maxinteger)
  if v ~= math.maxinteger then return false, "maxinteger changed" end
  v = roundtrip({})
  if type(v) ~= "table" or next(v) ~= nil then return false, "empty table" end
  v = roundtrip({ 1, "two", { x = true }, false })
  if v[1] ~= 1 or v[2] ~= "two" or v[3].x ~= true or v[4] ~= false or #v ~= 4 then return false, "array" end
  v = roundtrip({ a = { b = { c = "deep" } }, ["key with space"] = 1 })
  if v.a.b.c ~= "deep" or v["key with space"] ~= 1 then return false, "object" end
  v = roundtrip("nul\0inside")
  if v ~= "nul\0inside" then return false, "string with NUL" end
  local shared = { 1 }
  v = roundtrip({ shared, shared })
  if v[2][1] ~= 1 then return false, "shared (non-cyclic) table refused" end

  refused(function() end, "cannot encode payload: function")
  refused(coroutine.create(function() end), "cannot encode payload: thread")
  refused(0 / 0, "cannot encode payload: NaN")
  refused(math.huge, "cannot encode payload: inf")
  refused({ [1] = 1, [3] = 3 }, "sparse")
  refused({ 1, x = 2 }, "mixed")
  refused({ [1.5] = 1 }, "cannot encode payload")
  refused("\xff\xfe", "UTF%-8")
  refused({ s = "\xc3" }, "payload%.s: invalid UTF%-8")
  local cyc = {}
  cyc.self = cyc
  refused(cyc, "payload%.self: cycle")
  local deep = {}
  local cur = deep
  for _ = 1, 200 do cur.n = {}; cur = cur.n end
  refused(deep, "deeper than 128")
  refused(channel.new(), "cannot encode payload")
  return true
end
return { main = main }
