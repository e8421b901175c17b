-- Ends at once: how == "error" raises, anything else returns value.
-- With how == "wait" it first waits for a "go" message, whose payload
-- then says how ("error" or a value to return).
local function main(how, value)
  if how == "wait" then
    local go = process.listen("go"):receive()
    if go == "error" then error("told to fail") end
    return go
  end
  if how == "error" then error("boom") end
  return value
end
return { main = main }
