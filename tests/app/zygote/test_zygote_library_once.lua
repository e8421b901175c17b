-- A library's top level runs once per process, in that process, on its
-- first require, however many processes of one zygote require it.
local H = require("zyg")
local function main()
  return H.each_host("app.test.zygote:counts", 2, function(r)
    if r.runs ~= 1 or r.globals ~= 1 then
      return "top level ran " .. tostring(r.globals) .. " times in one process"
    end
    if not r.same then return "two aliases gave two values" end
  end)
end
return { main = main }
