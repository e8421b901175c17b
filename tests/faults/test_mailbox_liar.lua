-- A worker cannot talk its mailbox down: an FB_RECEIVED that claims more
-- than the broker sent it, less than it said before, or no count, ends it
-- with reason "protocol"; the broker is unharmed.
local H = require("harness")
local function main()
  local ctx = H.start()
  local hdr = "<I4I2I2I8I4"
  local function received(bytes, count)
    return string.pack(hdr, #count, 30, 0, bytes, 0) .. count
  end
  for _, case in ipairs {
    { received(1 << 40, "1"), "RECEIVED more than was sent" },	-- more bytes than sent
    { received(0, "5"), "RECEIVED more than was sent" },	-- more frames than sent
    { received(0, "") , "RECEIVED without a count" },
    { received(0, "x1"), "RECEIVED without a count" },
    { string.pack(hdr, 3, 30, 0, 0, 2) .. "{}1", "RECEIVED without a count" },	-- an envelope
  } do
    H.case(ctx, "faults:raw", "faults:strict", "protocol", case[2], 5, H.hex(case[1]))
  end
  return true
end
return { main = main }
