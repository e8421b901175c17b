-- Well-behaved: counts the primes below 10000.
local n = 0
for i = 2, 9999 do
  local prime = true
  for d = 2, math.floor(math.sqrt(i)) do
    if i % d == 0 then prime = false break end
  end
  if prime then n = n + 1 end
end
return { primes_below_10000 = n }
