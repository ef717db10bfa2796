-- Completes tasks in chains: $ZT_LINES holds "token taskID instanceID" per started instance; each answer names the task the
-- command created (the next step, for the same person), which goes back in the queue. Every request completes a
-- different task, once. Counts are printed as "ZT name value" lines for benchmarks/http_load.py.
local threads = {}
local index = 0

function setup(thread)
  thread:set("id", index)
  table.insert(threads, thread)
  index = index + 1
end

local queue = {}
local owner = {}
ok, conflict, failed, idle = 0, 0, 0, 0

function init(args)
  local n = 0
  for line in io.lines(os.getenv("ZT_LINES")) do
    local token, task, instance = line:match("^(%S+) (%S+) (%S+)$")
    if token then
      -- The two threads take alternate lines, so no task is ever sent by both.
      if n % 2 == id then
        table.insert(queue, { token, task })
        owner[instance] = token
      end
      n = n + 1
    end
  end
end

local body = '{"opinion":"同意。"}'

function request()
  local item = table.remove(queue, 1)
  if item == nil then
    idle = idle + 1
    return wrk.format("GET", "/healthz")
  end
  return wrk.format("POST", "/api/v1/tasks/" .. item[2] .. "/complete",
                    { ["Authorization"] = "Bearer " .. item[1], ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, text)
  if text == "ok" then return end
  if status == 200 then
    ok = ok + 1
    local instance = text:match('"instanceID":"([%x%-]+)"')
    local nextTask = text:match('"createdTasks":%["([%x%-]+)"')
    if nextTask and instance then
      local token = owner[instance]
      if token then table.insert(queue, { token, nextTask }) end
    end
  elseif status == 409 then
    conflict = conflict + 1
  else
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local totals = { ok = 0, conflict = 0, failed = 0, idle = 0 }
  for _, thread in ipairs(threads) do
    for key, _ in pairs(totals) do totals[key] = totals[key] + (thread:get(key) or 0) end
  end
  for key, value in pairs(totals) do io.write(string.format("ZT %s %d\n", key, value)) end
end
