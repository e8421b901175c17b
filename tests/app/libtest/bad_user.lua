local function main()
  require("bad")
  return "loaded a library that should have failed"
end
return { main = main }
