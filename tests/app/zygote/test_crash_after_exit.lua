-- A worker that said EXIT "normal" and then crashed before ending its
-- stream is reported as the crash (the wait status decides), not normal.
local H = require("zyg")
local function main()
  for i = 1, 5 do
    local ev, err = H.run("app.test.zygote:crasher", "app:processes")
    if not ev then return false, err end
    if ev.reason ~= "signal" or ev.error ~= "crashed with signal 11 (SIGSEGV)" then
      return false, "run " .. i .. ": reason " .. tostring(ev.reason) .. ", error " .. tostring(ev.error)
    end
  end
  return true
end
return { main = main }
