-- A strict process that writes escape sequences, CR/LF and forged
-- "forkbox:" lines into everything the broker might log or print: its
-- print lines, its crash message, a name and a topic, its result. For
-- tests/faults.sh, which reads the broker's stderr and stdout.
local time = require("time")
-- Valid UTF-8 (names, topics and errors must be), with a C1 control.
local FORGED = "\27[31mred\27[0m\r\nforkbox: FORGED %s line\r\27]0;title\7 \194\155"

local modes = {}

-- Prints, then raises with control bytes in the message.
function modes.crash()
  print(string.format(FORGED, "print") .. " \255\254")	-- and invalid UTF-8
  error(string.format(FORGED, "crash"), 0)
end

-- Sends to a name nobody holds (logged at -v with its topic), then
-- watches a crashing child (logged as a crash) and returns its reason.
function modes.parent()
  process.send(string.format(FORGED, "name"), string.format(FORGED, "topic"), 1)
  local events = process.events()
  local pid = assert(process.spawn_monitored("faults:liar", "faults:strict", "crash"))
  local deadline = time.after("10s")
  while true do
    local r = channel.select { events:case_receive(), deadline:case_receive() }
    if r.channel == deadline then error("no EXIT from the crashing child") end
    if r.value.from == pid then return r.value.reason end
  end
end

-- A forged EXIT frame: status normal, a result that is not JSON.
function modes.fake_exit()
  local env = '{"status":"normal"}'
  local result = string.format(FORGED, "result")
  process._test_write_raw(string.pack("<I4I2I2I8I4", #env + #result, 19, 0, 0, #env) .. env .. result)
  process.listen("never"):receive()
end

-- A result that is valid JSON and valid UTF-8, with a C1 CSI and a DEL
-- in it: what forkbox run prints on the operator's terminal.
function modes.result()
  return "\u{9b}2J\u{9b}31mFORGED result\u{7f}"
end

local function main(mode)
  return modes[mode]()
end
return { main = main }
