return { main = function() return true end }
