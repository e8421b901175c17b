-- Tries to load real bytecode (made by the trusted test) through the
-- sandbox's load with every arity and mode; returns what it saw.
local function describe(...)
  local r, out = table.pack(...), {}
  for i = 1, r.n do
    local v = r[i]
    out[i] = (type(v) == "string" or type(v) == "boolean") and tostring(v) or type(v)
  end
  return table.concat(out, " | ")
end

local function main(hex)
  local bc = hex:gsub("..", function(h) return string.char(tonumber(h, 16)) end)
  local seen = { loaded = {} }
  -- The case of issue 12: five arguments.
  seen.five = describe(pcall(load, bc, nil, nil, nil, nil))
  -- A reader function with five arguments gave back the base load.
  local got = table.pack(pcall(load, function() return nil end, nil, nil, nil, nil))
  seen.reader = describe(table.unpack(got, 1, got.n))
  for i = 2, got.n do
    if type(got[i]) == "function" and type((got[i](bc))) == "function" then
      seen.loaded[#seen.loaded + 1] = "through a function load returned"
    end
  end
  local extra = { nil, "x", {}, load }
  for arity = 1, 8 do
    for _, mode in ipairs { "none", "b", "t", "bt", "", "xyz", 1 } do
      local a = { bc, nil, mode ~= "none" and mode or nil, nil, table.unpack(extra) }
      local r = table.pack(pcall(load, table.unpack(a, 1, arity)))
      for i = 2, r.n do
        if type(r[i]) == "function" then
          seen.loaded[#seen.loaded + 1] = arity .. " arguments, mode " .. tostring(mode)
        end
      end
    end
  end
  return seen
end
return { main = main }
