-- The zygote that forks strict workers holds no privilege (issue 16:
-- "the zygote holds no secret ... no privileges, the sandbox's
-- namespaces"): it is confined like a strict worker before it serves.
-- Read from /proc of the live zygote (the broker's child named
-- forkbox-zygote): the jail's uid and gid when the broker is root, no
-- capability in any set, no_new_privs, and the namespaces of a strict
-- worker (the jail's, not the broker's), its children's PID namespace
-- included. Without root it is not dumpable even to the broker's user
-- inside its user namespace, so from here only its status shows (its
-- namespaces are checked from outside by tests/faults.sh). A trusted
-- worker, from the other zygote, keeps the broker's uid.
local H = require("harness")

local JAIL_ID = 65534	-- FB_JAIL_UID, FB_JAIL_GID
local NAMESPACES = { "user", "mnt", "net", "ipc", "uts", "cgroup" }

local function ids(status, key)
  local t = {}
  for n in (status:match(key .. ":([^\n]*)") or ""):gmatch("%d+") do t[#t + 1] = tonumber(n) end
  return t
end

local function ns(ospid, name)
  local p = assert(io.popen("readlink /proc/" .. ospid .. "/ns/" .. name .. " 2>/dev/null"))
  local out = p:read("a")
  p:close()
  return out
end

-- The broker's children named comm.
local function child_named(broker, comm)
  local list = H.slurp("/proc/" .. broker .. "/task/" .. broker .. "/children") or ""
  for pid in list:gmatch("%d+") do
    if (H.slurp("/proc/" .. pid .. "/comm") or "") == comm .. "\n" then return pid end
  end
end

local function main()
  local broker = H.broker_pid()
  local bstatus = assert(H.slurp("/proc/" .. broker .. "/status"))
  local root = ids(bstatus, "Uid")[1] == 0
  local z
  H.wait_for("the strict zygote", 10, function()
    z = child_named(broker, "forkbox-zygote")
    return z ~= nil
  end)
  -- It confines itself once the broker's START is in, no_new_privs last:
  -- until then it is as exec'd (an old zygote never gets there).
  local status
  pcall(H.wait_for, "the zygote's no_new_privs", 10, function()
    status = assert(H.slurp("/proc/" .. z .. "/status"))
    return status:match("NoNewPrivs:%s*1") ~= nil
  end)
  local bad = {}
  local function want(ok, what) if not ok then bad[#bad + 1] = what end end
  for _, key in ipairs { "Uid", "Gid" } do
    for i, v in ipairs(ids(status, key)) do
      want(v ~= 0, key .. " " .. i .. " is 0")
      if root then want(v == JAIL_ID, key .. " " .. i .. " is " .. v) end
    end
  end
  if root then
    want(status:match("Groups:%s*\n") ~= nil, "supplementary groups")
  end
  for _, cap in ipairs { "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb" } do
    local v = status:match(cap .. ":%s*(%x+)")
    want(v ~= nil and tonumber(v, 16) == 0, cap .. " " .. tostring(v))
  end
  want(status:match("NoNewPrivs:%s*(%d)") == "1", "no NoNewPrivs")
  local env = H.slurp("/proc/" .. z .. "/environ")
  if root then
    want(env == "", "an environment")
  else
    want(env == nil, "dumpable: its environment is readable by the broker's user")
  end
  if root and tonumber(H.slurp("/proc/sys/user/max_user_namespaces") or "0") > 0 then
    local pid, ospid = H.sleeper("faults:strict")
    for _, name in ipairs(NAMESPACES) do
      local mine = ns(z, name)
      want(mine ~= "" and mine ~= ns(broker, name), "the broker's " .. name .. " namespace")
      want(mine == ns(ospid, name), "not a strict worker's " .. name .. " namespace")
    end
    local children = ns(z, "pid_for_children")
    want(children ~= "" and children == ns(ospid, "pid"),
      "its children's PID namespace is not a strict worker's")
    process.terminate(pid)
  elseif root then
    print("user namespaces are disabled here: namespaces not checked")
  end
  if #bad > 0 then return false, "zygote " .. z .. ": " .. table.concat(bad, "; ") end
  -- A trusted worker still has the broker's uid (it does not come from
  -- the confined zygote).
  local tpid, tospid = H.sleeper("faults:trusted")
  local tuid = ids(assert(H.slurp("/proc/" .. tospid .. "/status")), "Uid")
  process.terminate(tpid)
  if tuid[1] ~= ids(bstatus, "Uid")[1] then
    return false, "a trusted worker's uid is " .. tostring(tuid[1])
  end
  return true
end
return { main = main }
