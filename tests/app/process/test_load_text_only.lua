-- load is text-only whatever its arguments (spec section 5): for every
-- arity from 0 to 8 and every mode string, a binary chunk (given as a
-- string or by a reader function) is refused with nil and a message, and
-- no function (the unwrapped base load above all) ever comes back. Text
-- chunks still load, in the sandbox unless an environment is given.
local BIN = "\27Lua\84\0\25\147\13\10\26\10"	-- a binary chunk's header
local modes = { false, "b", "t", "bt", "", "xyz", 123, {}, true }

-- The arguments of a call of the given arity: chunk, name, mode, env, extra.
local function args(arity, chunk, mode, env)
  local a = { chunk, "=probe", mode, env, nil, "x", {}, load }
  return table.unpack(a, 1, arity)
end

local function reader(s)
  local done = false
  return function()
    if done then return nil end
    done = true
    return s
  end
end

local function check_binary(arity, mode, how, chunk)
  local r = table.pack(pcall(load, args(arity, chunk, mode)))
  local what = string.format("load/%d mode %s %s", arity, tostring(mode), how)
  for i = 2, r.n do
    if type(r[i]) == "function" then return false, what .. ": returned a function at " .. (i - 1) end
  end
  if r[1] then
    if r.n ~= 3 or r[2] ~= nil or type(r[3]) ~= "string" then
      return false, what .. ": returned " .. (r.n - 1) .. " values, not nil and a message"
    end
    if arity >= 1 and not r[3]:find("binary chunk", 1, true) then
      return false, what .. ": " .. r[3]
    end
  elseif arity >= 1 then	-- only load() itself may raise
    return false, what .. ": raised " .. tostring(r[2])
  end
  return true
end

local function main()
  for arity = 0, 8 do
    for _, mode in ipairs(modes) do
      if mode == false then mode = nil end
      local ok, why = check_binary(arity, mode, "string", BIN)
      if not ok then return false, why end
      ok, why = check_binary(arity, mode, "reader", reader(BIN))
      if not ok then return false, why end
      -- A text chunk loads, and nothing else comes back with it.
      if arity >= 1 then
        local r = table.pack(load(args(arity, "return process ~= nil, ...", mode)))
        if r.n ~= 1 or type(r[1]) ~= "function" then
          return false, string.format("load/%d mode %s: text chunk gave %d values: %s",
            arity, tostring(mode), r.n, tostring(r[2]))
        end
        -- arity 4 and more pass env (nil here): the chunk has no globals.
        local ok, sees, extra = pcall(r[1], 7)
        if arity >= 4 then
          if ok then return false, "load/" .. arity .. ": env nil ignored" end
        elseif not (ok and sees and extra == 7) then
          return false, "load/" .. arity .. ": not the sandbox: " .. tostring(sees)
        end
      end
    end
  end
  local f = load("return x", "=t", "t", { x = 42 })
  if f() ~= 42 then return false, "the given environment was not used" end
  return true
end
return { main = main }
