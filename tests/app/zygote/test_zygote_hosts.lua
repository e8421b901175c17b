-- One zygote, three hosts: each child has its own host's sandbox and
-- limits (strict: no io, no environment; trusted: io and the broker's
-- environment, which reached it in INIT; tight: its memory limit).
local H = require("zyg")
local function main()
  local ev, err = H.run("app.test.zygote:probe", "app:processes")
  if not ev then return false, err end
  local s = ev.result
  if not s.zygote or s.io or s.path ~= nil then return false, "strict child: io or environment" end
  ev, err = H.run("app.test.zygote:probe", "app.test.zygote:trusted")
  if not ev then return false, err end
  local t = ev.result
  if not t.zygote or not t.io then return false, "trusted child without io" end
  if type(t.path) ~= "string" then return false, "trusted child without the broker's PATH" end
  ev, err = H.run("app.test.zygote:hog", "app.test.zygote:tight")
  if not ev then return false, err end
  if ev.reason ~= "memory" then return false, "hog: reason " .. tostring(ev.reason) .. ": " .. tostring(ev.error) end
  return true
end
return { main = main }
