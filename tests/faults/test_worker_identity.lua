-- What native code in a strict worker would find (spec section 6): no
-- privileges (not root, not the broker's uid when the broker is root, no
-- capability), namespaces of its own, no environment, /dev/null on fds
-- 0-2 and no descriptor to anything but its socket and event loop, an
-- empty root and no network. Read from /proc of the live worker; a
-- trusted worker, the control, keeps the broker's world.
local H = require("harness")

local NAMESPACES = { "pid", "net", "mnt", "user", "ipc", "uts", "cgroup" }

local function sh(cmd)
  local p = assert(io.popen(cmd))
  local out = p:read("a")
  p:close()
  return out
end

local function ids(status, key)
  local a, b, c, d = status:match(key .. ":%s*(%d+)%s+(%d+)%s+(%d+)%s+(%d+)")
  return { tonumber(a), tonumber(b), tonumber(c), tonumber(d) }
end

local function ns(ospid, name)
  return sh("readlink /proc/" .. ospid .. "/ns/" .. name)
end

-- Every way in which the worker at ospid is not confined; {} if none.
local function exposures(ospid, broker)
  local bad = {}
  local function want(ok, what) if not ok then bad[#bad + 1] = what end end
  local status = assert(H.slurp("/proc/" .. ospid .. "/status"))
  local bstatus = assert(H.slurp("/proc/" .. broker .. "/status"))
  local buid = ids(bstatus, "Uid")[1]
  for i, u in ipairs(ids(status, "Uid")) do
    want(u ~= 0, "uid " .. i .. " is 0")
    -- Without root the broker has no other uid to give: its user
    -- namespace maps the worker's onto its own (checked below).
    if buid == 0 then want(u ~= buid, "uid " .. i .. " is the broker's") end
  end
  for i, g in ipairs(ids(status, "Gid")) do want(g ~= 0, "gid " .. i .. " is 0") end
  if buid == 0 then
    want(status:match("Groups:%s*\n") ~= nil, "supplementary groups: "
      .. tostring(status:match("Groups:([^\n]*)")))
  end
  for _, cap in ipairs { "CapInh", "CapPrm", "CapEff", "CapAmb" } do
    local v = status:match(cap .. ":%s*(%x+)")
    want(v ~= nil and tonumber(v, 16) == 0, cap .. " " .. tostring(v))
  end
  if tonumber(H.slurp("/proc/sys/user/max_user_namespaces") or "0") > 0 then
    for _, name in ipairs(NAMESPACES) do
      local mine = ns(ospid, name)
      want(mine ~= "" and mine ~= ns(broker, name), "the broker's " .. name .. " namespace")
    end
    want(sh("ls -A /proc/" .. ospid .. "/root/") == "", "a root with files in it")
    local dev = H.slurp("/proc/" .. ospid .. "/net/dev") or ""
    for iface in dev:gmatch("\n%s*([^:%s]+):") do
      want(iface == "lo", "network interface " .. iface)
    end
  else
    print("user namespaces are disabled here: namespaces not checked")
  end
  local env = H.slurp("/proc/" .. ospid .. "/environ")
  want(env == "", "environment: " .. tostring(env and #env) .. " bytes")
  for fd = 0, 2 do
    local target = sh("readlink /proc/" .. ospid .. "/fd/" .. fd):gsub("\n$", "")
    want(target == "/dev/null", "fd " .. fd .. " is " .. target)
  end
  for line in sh("ls -l /proc/" .. ospid .. "/fd/"):gmatch("[^\n]+") do
    local fd, target = line:match("(%d+) %-> (.*)$")
    if fd and tonumber(fd) > 2 then
      want(target:match("^socket:") or target:match("^anon_inode:") or target:match("^pipe:"),
        "fd " .. fd .. " is " .. target)
    end
  end
  return bad
end

-- The jail's holder: the broker's child that is its PID namespace's init.
local function holder(broker)
  local list = H.slurp("/proc/" .. broker .. "/task/" .. broker .. "/children") or ""
  for pid in list:gmatch("%d+") do
    local status = H.slurp("/proc/" .. pid .. "/status") or ""
    if status:match("NSpid:%s*%d+%s+1%s*\n") then return pid end
  end
end

local function main()
  local ctx = H.start()
  local broker = H.broker_pid()
  -- The holder is a copy of the broker (its memory, its environment):
  -- not dumpable, so the broker's user (and strict workers, which run as
  -- that user when the broker is not root) cannot read it.
  local hpid = holder(broker)
  if hpid and ids(assert(H.slurp("/proc/" .. broker .. "/status")), "Uid")[1] ~= 0 then
    local env = H.slurp("/proc/" .. hpid .. "/environ")
    if env and env ~= "" then return false, "the holder's environment is readable" end
  end
  local pid, ospid = H.sleeper("faults:strict")
  local bad = exposures(ospid, broker)
  process.terminate(pid)
  if #bad > 0 then return false, "strict worker: " .. table.concat(bad, "; ") end
  -- The control: a trusted worker is none of this, so the checks can fail.
  local tpid, tospid = H.sleeper("faults:trusted")
  local tbad = exposures(tospid, broker)
  process.terminate(tpid)
  if #tbad < 3 then
    return false, "the checks found too little on a trusted worker: " .. table.concat(tbad, "; ")
  end
  H.ping(ctx)
  return true
end
return { main = main }
