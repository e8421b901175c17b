-- Prints what it is told, then returns or fails: printer(how, ...).
--   "lines", n, text      n print calls of text, then returns n
--   "long", bytes         one print of a line of that many bytes
--   "error", bytes        error() with a message of that many bytes
--   "multi"               a print of three lines and a tab, then two
--                         more (one with an ESC and a byte not UTF-8)
local function main(how, a, b)
  a = tonumber(a) or a
  if how == "lines" then
    for i = 1, a do print(b .. " " .. i) end
    return a
  elseif how == "long" then
    print(string.rep("x", a))
    return "printed"
  elseif how == "error" then
    error(string.rep("e", a), 0)
  elseif how == "multi" then
    print("one\ntwo", "three")
    print("four")
    print("esc\27[31m\255")
    return "ok"
  end
  return nil
end
return { main = main }
