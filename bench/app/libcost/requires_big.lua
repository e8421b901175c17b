return { main = function() return require("big").names[1] == "f0001" end }
