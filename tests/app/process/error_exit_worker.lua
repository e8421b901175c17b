-- Fails at once with an error.
local function main()
  error("error_exit_worker failed on purpose")
end
return { main = main }
