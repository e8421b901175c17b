-- The judge: runs one submission (its source) with an input in a runner
-- process on the strict host, and compares what it returns with the
-- expected answer. Returns {verdict = ..., detail = ...}; the verdicts:
--   ok       returned the expected answer
--   wrong    returned something else
--   error    raised an error or would not compile
--   timeout  ran out of CPU (an endless loop) or of wall-clock time
--   memory   went over the memory limit
--   sandbox  reached for what the sandbox does not have (io, os.execute,
--            a refused system call)
local verdicts = { cpu = "timeout", timeout = "timeout", memory = "memory",
  sandbox = "sandbox" }

-- Plain values and tables of them, compared by value.
local function same(a, b)
  if type(a) ~= "table" or type(b) ~= "table" then
    return a == b
  end
  for k, v in pairs(a) do
    if not same(v, b[k]) then return false end
  end
  for k in pairs(b) do
    if a[k] == nil then return false end
  end
  return true
end

local function main(source, input, expected)
  local events = process.events()
  local pid, err = process.spawn_monitored("judge_service:runner",
    "judge_service:strict", source, input)
  if not pid then
    return { verdict = "error", detail = "cannot start: " .. err }
  end
  while true do
    local ev = events:receive()
    if ev.kind == process.event.EXIT and ev.from == pid then
      if ev.reason == "normal" then
        if same(ev.result, expected) then
          return { verdict = "ok" }
        end
        return { verdict = "wrong", detail = ev.result }
      end
      local err = ev.error or ev.reason
      -- "submission:2: sandbox: io is not available" (runner.lua)
      if ev.reason == "error" and err:find("^[^:]*:%d+: sandbox: ") then
        return { verdict = "sandbox", detail = err }
      end
      return { verdict = verdicts[ev.reason] or "error", detail = err }
    end
  end
end

return { main = main }
