-- The worker pool's message protocol: topics, message constructors and
-- checks. Both the dispatcher (main.lua) and every worker import it, so
-- the two sides cannot drift apart.
local M = { version = 1 }

M.topic = {
  ready = "pool.ready",    -- worker -> dispatcher: give me a job
  job = "pool.job",        -- dispatcher -> worker: a job
  result = "pool.result",  -- worker -> dispatcher: a job's result
  stop = "pool.stop",      -- dispatcher -> worker: no more jobs
}

function M.ready(worker)
  return { v = M.version, worker = worker }
end

function M.job(id, n)
  return { v = M.version, id = id, n = n }
end

function M.result(id, worker, value)
  return { v = M.version, id = id, worker = worker, value = value }
end

-- The work itself lives here too, so the dispatcher can check answers.
function M.work(n)
  local sum = 0
  for i = 1, n do sum = sum + i * i end
  return sum
end

-- A message from the other side: the table, or nil and why.
function M.check(msg, ...)
  if type(msg) ~= "table" then
    return nil, "not a table: " .. type(msg)
  end
  if msg.v ~= M.version then
    return nil, "protocol version " .. tostring(msg.v) .. ", want " .. M.version
  end
  for _, key in ipairs { ... } do
    if msg[key] == nil then return nil, "missing field " .. key end
  end
  return msg
end

return M
