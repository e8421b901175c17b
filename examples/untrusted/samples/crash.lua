-- A plain bug.
local config = nil
return config.name
