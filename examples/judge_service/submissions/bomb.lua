-- Grows without end: stopped at the strict host's memory_limit.
local t = {}
while true do t[#t + 1] = string.rep("x", 65536) .. #t end
