-- send returns nil, err for bad input and true (dropped) for a dead pid.
local function expect_err(what, pattern, ok, err)
  if ok ~= nil then error(what .. ": expected nil, got " .. tostring(ok)) end
  if type(err) ~= "string" or not err:find(pattern) then
    error(what .. ": error " .. tostring(err) .. " does not match " .. pattern)
  end
end
local function main()
  local me = process.pid()
  expect_err("empty dest", "", process.send("", "t", 1))
  expect_err("malformed pid", "", process.send("{oops", "t", 1))
  expect_err("empty topic", "topic", process.send(me, "", 1))
  expect_err("function payload", "cannot encode payload: function", process.send(me, "t", function() end))
  expect_err("nested function", "cannot encode payload%.items%[3%]%.f: function", process.send(me, "t", { items = { 1, 2, { f = print } } }))
  expect_err("too large", "too large", process.send(me, "t", string.rep("x", 2 * 1024 * 1024)))
  expect_err("number topic", "topic", process.send(me, 42, 1))
  -- A dead pid or an unbound name: dropped silently.
  if process.send("{app:processes|app.test.process:gone|ffffff}", "t", 1) ~= true then
    return false, "send to a dead pid did not return true"
  end
  if process.send("nobody_has_this_name", "t", 1) ~= true then
    return false, "send to an unbound name did not return true"
  end
  return true
end
return { main = main }
