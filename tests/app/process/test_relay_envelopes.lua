-- Messages whose topic or destination the broker's fast path does not take
-- (escapes, UTF-8, a registered name) arrive intact, in order with the
-- plain ones, with the sender's pid in `from`.
local time = require("time")
local function main()
  local topics = { "plain", 'quo"te', "back\\slash", "tab\there", "caf\xc3\xa9", "\xe2\x9c\x93" }
  local chans = {}
  for i, t in ipairs(topics) do chans[i] = process.listen(t, { message = true }) end
  assert(process.registry.register("relay_envelopes_self"))
  for i, t in ipairs(topics) do
    assert(process.send(process.pid(), t, i))
    assert(process.send("relay_envelopes_self", t, -i))
  end
  local timeout = time.after("5s")
  for i = 1, #topics do
    for _, want in ipairs({ i, -i }) do
      local r = channel.select { chans[i]:case_receive(), timeout:case_receive() }
      if r.channel == timeout then return false, "nothing on topic " .. topics[i] end
      local msg = r.value
      if msg:payload() ~= want then
        return false, ("topic %q: got %s, want %d"):format(topics[i], tostring(msg:payload()), want)
      end
      if msg:from() ~= process.pid() then return false, "from is " .. tostring(msg:from()) end
      if msg:topic() ~= topics[i] then return false, "topic came back as " .. tostring(msg:topic()) end
    end
  end
  return true
end
return { main = main }
