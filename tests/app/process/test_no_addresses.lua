-- tostring, print's text and string.format("%s"/"%p") show no memory
-- address (spec section 6): objects are named by a per-process number,
-- the same for the object's whole life and different between objects.
local function has_address(s)
  return s:find("0x%x") ~= nil or s:find(string.rep("%x", 11)) ~= nil
end

local function main()
  local ch = channel.new()
  local named = setmetatable({}, { __name = "thing" })
  local objects = {
    { {}, "table" }, { main, "function" }, { print, "function" },
    { coroutine.create(main), "thread" }, { ch, "channel" },
    { ch:case_receive(), "[%w._]+" }, { named, "thing" },
  }
  local seen = {}
  for i, o in ipairs(objects) do
    local v, kind = o[1], o[2]
    local s = tostring(v)
    if has_address(s) then return false, "tostring shows an address: " .. s end
    if not s:match("^" .. kind .. ": #%d+$") then return false, "tostring(" .. i .. ") = " .. s end
    if tostring(v) ~= s then return false, "not stable: " .. s .. " then " .. tostring(v) end
    if seen[s] then return false, "two objects named " .. s end
    seen[s] = true
    local f = string.format("%s", v)
    if f ~= s then return false, "%s gave " .. f .. " for " .. s end
    local p = string.format("%p", v)
    if has_address(p) or not p:match("^#%d+$") then return false, "%p gave " .. p end
    if p ~= s:match("#%d+$") then return false, "%p gave " .. p .. " for " .. s end
    local w = string.format("[%10p|%-10p]", v, v)
    if #w ~= 23 or not w:find(p, 1, true) then return false, "%10p gave " .. w end
  end
  -- Values that are no objects keep their usual text.
  if string.format("%p %p %p", nil, 1, true) ~= "(null) (null) (null)" then
    return false, "%p of a non-object: " .. string.format("%p %p %p", nil, 1, true)
  end
  local p = string.format("%p", string.rep("x", 100))
  if has_address(p) then return false, "%p of a string: " .. p end
  if string.format("%d %s %5.1f %q %%", 3, "x", 2.5, "a") ~= '3 x   2.5 "a" %' then
    return false, "string.format changed: " .. string.format("%d %s %5.1f %q %%", 3, "x", 2.5, "a")
  end
  if tostring(1.5) ~= "1.5" or tostring(nil) ~= "nil" or tostring("s") ~= "s" then
    return false, "tostring of a plain value changed"
  end
  local t = setmetatable({}, { __tostring = function() return "mine" end })
  if tostring(t) ~= "mine" or string.format("%s", t) ~= "mine" then return false, "__tostring ignored" end
  if pcall(tostring, setmetatable({}, { __tostring = function() return {} end })) then
    return false, "a __tostring returning a table was accepted"
  end
  if pcall(string.format, "%p") or pcall(string.format, "%y", 1) then
    return false, "bad formats accepted"
  end
  return true
end
return { main = main }
