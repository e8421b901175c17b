-- Waits forever without using CPU: the host's wall_limit ends it.
local time = require("time")
time.sleep("1h")
