-- Tries the ways out the process API offers: respawn on a looser host,
-- kill its neighbours, take over names. The tight host refuses each one;
-- the result lists the answers.
local answers = {}
local function try(what, ok, err)
  answers[#answers + 1] = what .. ": " .. (ok and "done" or tostring(err))
end
local me = process.pid()
local neighbour = (me:gsub("%x+}$", "0000000000000001}"))
try("spawn", process.spawn("untrusted:judge", "untrusted:processes", "return 1"))
try("terminate", process.terminate(neighbour))
try("link", process.link(neighbour))
try("lookup", process.registry.lookup("judge"))
try("register", process.registry.register("judge"))
return answers
