-- SIGKILL sent to a worker's OS pid from outside: its monitor gets EXIT
-- "signal", the broker and the bystander carry on, nothing leaks.
local H = require("harness")
return { main = function() return H.signal_case(9, "SIGKILL", "killed by signal 9 (SIGKILL)") end }
