-- Exits normally at once with a result the monitor can check.
return { main = function() return "done" end }
