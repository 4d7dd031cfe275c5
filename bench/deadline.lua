-- deadline.lua — deadline day of `make bench` (bench/run): every unit files its one report
-- with its own token, as fast as the connections allow, and each document exactly once.
--
--   wrk -tT -cC -d LIMIT -s bench/deadline.lua URL -- SLICE_PREFIX MARK_PREFIX
--
-- Thread N sends the records of SLICE_PREFIX..N..".req" (bench/gen.py: "TOKEN\tLEN\n" +
-- document), each once. A connection with nothing left to send is parked (delay()), and
-- when every document of the slice is answered the thread stops and creates
-- MARK_PREFIX..N, so bench/run can end wrk (which otherwise sleeps its whole -d). The time
-- from the first request of any thread to the last answer of any thread is the time to
-- absorb them all (CLOCK_MONOTONIC through LuaJIT's ffi). done() prints a RESULT line.

local ffi = require("ffi")
ffi.cdef [[
   struct bench_timespec { long tv_sec; long tv_nsec; };
   int clock_gettime(int clk_id, struct bench_timespec *tp);
]]
local ts = ffi.new("struct bench_timespec")
local function now()
   ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
   return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end

local threads = {}
local nthreads = 0

function setup(thread)
   thread:set("tid", nthreads)
   nthreads = nthreads + 1
   table.insert(threads, thread)
end

local reqs = {}
local reserved, sent = 0, 0
local mark
answered = 0
total = 0
first_sent = 0
last_answer = 0
statuses = {}

function init(args)
   local f = assert(io.open(args[1] .. tid .. ".req", "rb"))
   while true do
      local line = f:read("*l")
      if not line then break end
      local token, len = line:match("^([^\t]+)\t(%d+)$")
      assert(token, "bad record in slice " .. tid)
      local headers = { ["Authorization"] = "Bearer " .. token,
                        ["Content-Type"] = "application/xml" }
      table.insert(reqs, wrk.format("POST", "/api/v1/submissions", headers, f:read(tonumber(len))))
   end
   f:close()
   total = #reqs
   mark = args[2] .. tid
end

-- Called before every request: a connection only goes on while documents are left.
function delay()
   if reserved >= total then
      return 3600000
   end
   reserved = reserved + 1
   return 0
end

function request()
   sent = sent + 1
   if sent == 1 then first_sent = now() end
   return reqs[sent]
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   answered = answered + 1
   if answered == total then
      last_answer = now()
      local m = io.open(mark, "w")
      if m then m:close() end
      wrk.thread:stop()
   end
end

function done(summary, latency, requests)
   local all, parts, want, got = {}, {}, 0, 0
   local t0, t1 = math.huge, 0
   for _, t in ipairs(threads) do
      for s, n in pairs(t:get("statuses") or {}) do all[s] = (all[s] or 0) + n end
      want = want + (t:get("total") or 0)
      got = got + (t:get("answered") or 0)
      local a, b = t:get("first_sent") or 0, t:get("last_answer") or 0
      if a > 0 and a < t0 then t0 = a end
      if b > t1 then t1 = b end
   end
   for s, n in pairs(all) do table.insert(parts, string.format("%d:%d", s, n)) end
   table.sort(parts)
   local e = summary.errors
   local secs = (t1 > 0 and t0 < math.huge and got == want) and (t1 - t0) or -1
   io.write(string.format(
      "RESULT requests=%d documents=%d answered=%d seconds=%.3f rps=%.1f p50_ms=%.2f" ..
      " p99_ms=%.2f max_ms=%.2f statuses=%s sockerr=%d timeouts=%d\n",
      summary.requests, want, got, secs, secs > 0 and got / secs or 0,
      latency:percentile(50) / 1e3, latency:percentile(99) / 1e3, latency.max / 1e3,
      #parts > 0 and table.concat(parts, ",") or "-",
      e.connect + e.read + e.write, e.timeout))
end
