-- Malformed and oversized frames: reason "protocol", the broker unharmed.
local H = require("harness")
local function main()
  local ctx = H.start()
  local hdr = "<I4I2I2I8I4"
  for _, junk in ipairs {
    string.rep("\255", 64),
    string.pack(hdr, 1 << 30, 17, 0, 0, 10),		-- 1 GiB body announced
    string.pack(hdr, 9 << 20, 17, 0, 0, 2) .. "{}",	-- over max_message_size
    string.pack(hdr, 2, 999, 0, 0, 2) .. "{}",		-- unknown type
    string.pack(hdr, 5, 17, 0, 0, 5) .. "nope!",	-- envelope not JSON
    string.pack(hdr, 2, 17, 0, 0, 9) .. "{}",		-- envelope longer than body
  } do
    H.case(ctx, "faults:raw", "faults:strict", "protocol", "protocol error", 5, H.hex(junk))
  end
  return true
end
return { main = main }
