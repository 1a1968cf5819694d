-- A day's mix at once: each connection sends requests drawn from weighted
-- operations and times each one, so every operation gets its own p50 and p99
-- under the load of all the others. Run with one connection per wrk thread
-- (-t N -c N): a thread's request and response then belong to one request.
--
-- MIX_OPS lists the operations, a line each: "name weight METHOD path cookie".
-- The operation named "save" saves report entries instead (entry_saves.lua,
-- with its OP_* variables).
local dir = (debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or ".")
package.path = dir .. "/?.lua;" .. package.path
local entry_saves = require("entry_saves")

-- wrk's Lua has no wall clock finer than a second; LuaJIT reaches libc's.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } varde_timespec;
  int clock_gettime(int clock, varde_timespec *ts);
  void *realloc(void *ptr, size_t size);
]]
local CLOCK_MONOTONIC = 1
local clock = ffi.new("varde_timespec")
local function now_us()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock.tv_sec) * 1e6 + tonumber(clock.tv_nsec) / 1e3
end

local ops = {}
for line in (os.getenv("MIX_OPS") or ""):gmatch("[^\n]+") do
  local name, weight, method, path, cookie = line:match("^(%S+) (%d+) (%S+) (%S+) ?(.*)$")
  if not name then error("MIX_OPS: cannot read the line " .. line) end
  table.insert(ops, { index = #ops + 1, name = name, weight = tonumber(weight), method = method, path = path, cookie = cookie })
end

local threads = {}
function setup(thread)
  thread:set("thread_index", #threads)
  table.insert(threads, thread)
end

-- Each thread cycles through its own shuffle of the mix, in which every
-- operation comes `weight` times, so the shares are exact and the run is the
-- same each time. A thread keeps its timings in C memory and tells done()
-- where, as numbers: wrk's copy of a thread's Lua tables to done() crashes on
-- large ones (wrk 4.1, script_copy_value).
local sequence, position, saves, current, started
local timings, capacity = nil, 0
results_count, results_address = 0, 0
function init(args)
  local index = thread_index or 0
  sequence = {}
  for i, op in ipairs(ops) do
    for _ = 1, op.weight do table.insert(sequence, i) end
    op.request = wrk.format(op.method, op.path, { ["Cookie"] = op.cookie })
    _G["errors_" .. op.name] = 0
  end
  local seed = 1 + index * 7919
  for i = #sequence, 2, -1 do
    seed = (seed * 1103515245 + 12345) % 2147483648
    local j = seed % i + 1
    sequence[i], sequence[j] = sequence[j], sequence[i]
  end
  position = index % #sequence
  saves = entry_saves.new(index, tonumber(os.getenv("OP_THREADS") or "1"))
end

-- One timing: the operation's index and the microseconds, as two floats.
local function record(op_index, elapsed_us)
  if results_count == capacity then
    capacity = math.max(4096, capacity * 2)
    timings = ffi.cast("float *", ffi.C.realloc(timings, capacity * 2 * ffi.sizeof("float")))
    results_address = tonumber(ffi.cast("uintptr_t", timings))
  end
  timings[2 * results_count] = op_index
  timings[2 * results_count + 1] = elapsed_us
  results_count = results_count + 1
end

function request()
  position = position % #sequence + 1
  current = ops[sequence[position]]
  started = now_us()
  if current.name == "save" then return saves:request() end
  return current.request
end

function response(status, headers, body)
  record(current.index, now_us() - started)
  if status >= 400 then _G["errors_" .. current.name] = _G["errors_" .. current.name] + 1 end
  if current.name == "save" then saves:response(body) end
end

-- A line per operation: "mix NAME REQUESTS ERRORS REQ/S P50-MS P99-MS".
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local by_op, errors = {}, {}
  for _, op in ipairs(ops) do by_op[op.index], errors[op.index] = {}, 0 end
  for _, thread in ipairs(threads) do
    local n, address = thread:get("results_count") or 0, thread:get("results_address") or 0
    local t = ffi.cast("float *", ffi.cast("uintptr_t", address))
    for i = 0, n - 1 do
      local list = by_op[t[2 * i]]
      list[#list + 1] = t[2 * i + 1]
    end
    for _, op in ipairs(ops) do errors[op.index] = errors[op.index] + (thread:get("errors_" .. op.name) or 0) end
  end
  for _, op in ipairs(ops) do
    local all = by_op[op.index]
    table.sort(all)
    local function percentile(p)
      if #all == 0 then return -1 end
      return all[math.max(1, math.ceil(#all * p))] / 1000
    end
    io.write(string.format("mix %s %d %d %.1f %.3f %.3f\n", op.name, #all, errors[op.index], #all / seconds,
      percentile(0.5), percentile(0.99)))
  end
end
