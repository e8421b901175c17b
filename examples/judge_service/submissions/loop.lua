-- Never ends: stopped at the strict host's cpu_limit.
local n = 0
while true do n = n + #input end
