-- A string sent alone is written as JSON straight into the worker's
-- output (conn_send_string): every kind of byte comes back as it was sent,
-- and a string that is not UTF-8 is refused as before.
local time = require("time")
local function main()
  local me = process.pid()
  local ch = process.listen("s")
  local all = {}
  for b = 0, 127 do all[#all + 1] = string.char(b) end
  local strings = {
    "", "plain", 'quo"te', "back\\slash", "line\nfeed", "nul\0byte",
    "\1\2\31\127", "tab\tcr\rff\fbs\b", "caf\xc3\xa9", "\xf0\x9f\x98\x80",
    table.concat(all), string.rep('ab"\\\n\xe2\x82\xac', 700),
    string.rep("x", 4096),
  }
  for _, s in ipairs(strings) do assert(process.send(me, "s", s)) end
  local timeout = time.after("5s")
  for i, want in ipairs(strings) do
    local r = channel.select { ch:case_receive(), timeout:case_receive() }
    if r.channel == timeout then return false, "string " .. i .. " never came" end
    if r.value ~= want then
      return false, ("string %d came back as %q"):format(i, tostring(r.value))
    end
  end
  local ok, err = process.send(me, "s", "bad \xff byte")
  if ok ~= nil or not tostring(err):find("cannot encode payload: invalid UTF%-8") then
    return false, "invalid UTF-8: " .. tostring(ok) .. ", " .. tostring(err)
  end
  return true
end
return { main = main }
