-- The zygote compiles the app's chunks once: a child of it compiles
-- neither its entry nor the library it requires, yet the library's top
-- level runs in the child and its errors still name file and line.
local H = require("zyg")
local function main()
  for _, host in ipairs { "app:processes", "app.test.zygote:trusted", "app.test.zygote:nopool" } do
    for i = 1, 2 do
      local ev, err = H.run("app.test.zygote:compiles", host)
      if not ev then return false, err end
      if ev.reason ~= "normal" then return false, host .. ": " .. tostring(ev.error) end
      local r = ev.result
      if r.zygote ~= true then return false, host .. ": not forked by the zygote" end
      if r.compiles ~= 0 then return false, host .. ": compiled " .. tostring(r.compiles) .. " chunk(s) from text" end
      if r.mine ~= true then return false, host .. ": the library's top level did not run in the child" end
      if not tostring(r.err):find("compiled%.lua:5: from the library") then
        return false, host .. ": error names no line: " .. tostring(r.err)
      end
    end
  end
  return true
end
return { main = main }
