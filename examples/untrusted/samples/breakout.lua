-- Tries the ways out the process API offers: respawn on a looser host,
-- kill the judge (whose pid, were pids sequential, would be ours minus
-- one), take over names. The tight host refuses each one; the result
-- lists the answers.
local answers = {}
local function try(what, ok, err)
  answers[#answers + 1] = what .. ": " .. (ok and "done" or tostring(err))
end
local id = process.pid():match("(%x+)}$")
local judge = string.format("{untrusted:processes|untrusted:judge|%0" .. #id .. "x}",
  tonumber(id, 16) - 1)
try("spawn", process.spawn("untrusted:judge", "untrusted:processes", "return 1"))
try("terminate", process.terminate(judge))
try("link", process.link(judge))
try("lookup", process.registry.lookup("judge"))
try("register", process.registry.register("judge"))
return answers
