-- print_limit: beyond it lines are dropped and one notice says how many
-- (here in the captured output: capture keeps up to print_limit, 1KiB).
local time = require("time")
local function main()
  local events = process.events()
  -- 100 lines of "line N\n" (7 to 9 bytes each): 792 bytes in all fit.
  local pid = assert(process.spawn_monitored("app.test.output:printer",
    "app.test.output:capture", "lines", 100, "line"))
  local r = channel.select { events:case_receive(), time.after("10s"):case_receive() }
  if r.channel ~= events then return false, "no EXIT within 10s" end
  local out = r.value.output
  if r.value.result ~= 100 or type(out) ~= "string" or #out ~= 792 or
      out:find("dropped", 1, true) then
    return false, "100 lines: " .. tostring(out and #out)
  end
  -- 300 lines of "limit N\n": 1024 bytes hold the first 113 (1022 bytes);
  -- the other 187 (1870 bytes) are dropped, and said so once, last.
  pid = assert(process.spawn_monitored("app.test.output:printer",
    "app.test.output:capture", "lines", 300, "limit"))
  r = channel.select { events:case_receive(), time.after("10s"):case_receive() }
  if r.channel ~= events then return false, "no EXIT within 10s" end
  out = r.value.output
  if r.value.reason ~= "normal" or type(out) ~= "string" then
    return false, "300 lines: " .. tostring(r.value.reason) .. " " .. tostring(out)
  end
  local kept, notice = out:match("^(.-\n)([^\n]*)\n$")
  if kept == nil or not kept:find("limit 113\n$") or kept:find("limit 114", 1, true) then
    return false, "kept lines: " .. tostring(out):sub(-200)
  end
  if notice ~= "187 lines (1870 bytes) of output dropped: print_limit 1KiB" then
    return false, "notice: " .. tostring(notice)
  end
  return true
end
return { main = main }
