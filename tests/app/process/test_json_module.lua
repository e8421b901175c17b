-- require("json") uses the payload codec.
local json = require("json")
local function main()
  local s = json.encode({ a = 1, b = { 1.5, "x" } })
  local v = json.decode(s)
  if v.a ~= 1 or math.type(v.a) ~= "integer" or v.b[1] ~= 1.5 or v.b[2] ~= "x" then return false, "round trip " .. s end
  if json.encode({}) ~= "[]" then return false, "empty table encodes as " .. json.encode({}) end
  local ok, err = json.encode({ f = print })
  if ok ~= nil or not tostring(err):find("function") then return false, "encode refusal: " .. tostring(err) end
  ok, err = json.decode("{not json")
  if ok ~= nil or type(err) ~= "string" then return false, "decode of bad JSON" end
  return true
end
return { main = main }
