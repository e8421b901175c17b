local time = require("time")
INNER_RUNS = (INNER_RUNS or 0) + 1
return {
  loaded_at = time.now(),
  greet = function(who) return "hello, " .. who end,
}
