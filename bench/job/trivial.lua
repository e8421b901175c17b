-- make bench: the job of "a new forkbox run per job" (bench/calls.py run).
return { main = function() return true end }
