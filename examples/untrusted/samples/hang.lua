-- Waits forever without using CPU: the judge's wall-clock deadline ends it.
local time = require("time")
time.sleep("1h")
