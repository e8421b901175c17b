-- The zygote compiles the app's chunks once: a child of it compiles
-- neither its entry nor the library it requires (a strict child takes
-- both as functions from the Lua state it inherits), yet the library's
-- top level runs in the child and its errors still name file and line.
-- Neither the entry's text nor the library's travels in INIT: the child
-- has the zygote's copies, which INIT names.
local H = require("zyg")
local function main()
  return H.each_host("app.test.zygote:compiles", 2, function(r)
    if r.zygote ~= true then return "not forked by the zygote" end
    if r.compiles ~= 0 then return "compiled " .. tostring(r.compiles) .. " chunk(s) from text" end
    if r.chunks ~= (r.inherited and 2 or 0) then
      return "took " .. tostring(r.chunks) .. " functions from the zygote's state (inherited: " .. tostring(r.inherited) .. ")"
    end
    if r.init_code ~= 0 then return tostring(r.init_code) .. " bytes of Lua text came in INIT" end
    if r.mine ~= true then return "the library's top level did not run in the child" end
    if not tostring(r.err):find("compiled%.lua:5: from the library") then
      return "error names no line: " .. tostring(r.err)
    end
  end)
end
return { main = main }
