-- Indexes a nil value: an error.
local config
return config.size * #input
