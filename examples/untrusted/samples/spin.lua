-- Spins forever: the host's cpu_limit stops it.
while true do end
