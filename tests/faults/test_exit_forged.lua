-- A forged EXIT frame whose result is not JSON (or is JSON with raw
-- control bytes around it) is refused: the process ends with reason
-- "protocol", and its monitor gets no result.
local H = require("harness")
local function main()
  local ctx = H.start()
  local hdr = "<I4I2I2I8I4"
  local env = '{"status":"normal"}'
  for _, result in ipairs { "not json \27[2J", '"a" "b"', '"\255"', "\r\nforkbox: 1", "1\n" } do
    local frame = string.pack(hdr, #env + #result, 19, 0, 0, #env) .. env .. result
    local ev = H.case(ctx, "faults:raw", "faults:strict", "protocol", "result is not JSON", 5, H.hex(frame))
    if ev.result ~= nil then return false, "a result came through: " .. tostring(ev.result) end
  end
  return true
end
return { main = main }
