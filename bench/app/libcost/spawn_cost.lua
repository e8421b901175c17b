-- spawn -> EXIT round trip, n times for each entry, one process at a
-- time, the three entries interleaved so they share the machine's state.
local time = require("time")

local entries = { "plain", "imports_big", "requires_big" }

local function main(n)
  n = tonumber(n) or 1000
  local events = process.events()
  local lat = {}
  for _, e in ipairs(entries) do lat[e] = {} end
  for i = 1, n do
    for _, e in ipairs(entries) do
      local t0 = time.now()
      local pid, err = process.spawn_monitored("bench.lib:" .. e, "bench.lib:processes")
      if not pid then error(err) end
      local ev = events:receive()
      if ev.reason ~= "normal" or ev.result ~= true then
        error(e .. " exited: " .. tostring(ev.error or ev.result))
      end
      lat[e][i] = (time.now() - t0) * 1000
    end
  end
  local out = { n = n }
  for _, e in ipairs(entries) do
    local l = lat[e]
    table.sort(l)
    out[e] = { p50_ms = l[math.ceil(n * 0.5)], p99_ms = l[math.ceil(n * 0.99)] }
  end
  out.p50_cost_import_ms = out.imports_big.p50_ms - out.plain.p50_ms
  out.p50_cost_require_ms = out.requires_big.p50_ms - out.plain.p50_ms
  return out
end

return { main = main }
