-- Returns its arguments as a list.
return { main = function(...) return { ... } end }
