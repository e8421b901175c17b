-- The sum of the squares of the input: right.
local s = 0
for _, v in ipairs(input) do s = s + v * v end
return s
