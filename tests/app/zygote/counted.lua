-- A library whose top level counts its runs in the process's globals.
local n = (rawget(_G, "counted_runs") or 0) + 1
rawset(_G, "counted_runs", n)
return { runs = n }
