-- load.lua — the client side of `make bench` (bench/run): one script for every run, so the
-- client does the same work whichever server path it measures.
--
--   wrk -tT -cC -dLIMIT -s bench/load.lua URL -- tpl FILE NONCE SECONDS MARK
--   wrk -tT -cC -dLIMIT -s bench/load.lua URL -- slices PREFIX MARK
--
-- tpl: a sustained run of SECONDS. FILE is small.tpl or large.tpl of bench/gen.py, records
--   "TOKEN\tCADENCE\tLEN_A\tLEN_B\tLEN_C\n" + A + B + C, a document being
--   A .. DocumentId .. B .. period .. C. Each request takes the next template (each thread
--   starts elsewhere), a period of its cadence (months 2020-01 … 2024-11, quarters 2020-Q1 …
--   2024-Q3: a unit files many periods, and some revisions), a DocumentId unique to the run
--   (NONCE, 8 hex digits, then the thread and a counter) and the reporting unit's own token.
-- slices: deadline day. Thread N sends every record of PREFIX..N..".req" ("TOKEN\tLEN\n" +
--   document) exactly once.
--
-- Either way a connection stops sending when its thread is out of time or documents (it is
-- parked by delay()), and a thread stops once every request it sent is answered and then
-- creates MARK..N: nothing is left in flight, so the 201s counted here are exactly the
-- documents stored, and bench/run ends wrk (which otherwise sleeps its whole -d) as soon as
-- every thread is done. Rates are answers / (last answer - first request), CLOCK_MONOTONIC
-- through LuaJIT's ffi. done() prints one line starting with RESULT.

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

-- read by done() through thread:get
statuses = {}
answered = 0
first_sent = 0
last_answer = 0

local mode, mark, seconds, nonce
local records, reqs = {}, {}
local periods = { Month = {}, Quarter = {} }
local reserved, sent, counter, finished = 0, 0, 0, false

local function load_templates(path)
   for y = 2020, 2024 do
      for m = 1, 12 do
         if y < 2024 or m <= 11 then table.insert(periods.Month, string.format("%04d-%02d", y, m)) end
      end
      for q = 1, 4 do
         if y < 2024 or q <= 3 then table.insert(periods.Quarter, string.format("%04d-Q%d", y, q)) end
      end
   end
   local f = assert(io.open(path, "rb"))
   while true do
      local line = f:read("*l")
      if not line then break end
      local token, cadence, la, lb, lc = line:match("^([^\t]+)\t(%a+)\t(%d+)\t(%d+)\t(%d+)$")
      assert(token and periods[cadence], "bad template record in " .. path)
      table.insert(records, {
         headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/xml" },
         periods = periods[cadence],
         a = f:read(tonumber(la)), b = f:read(tonumber(lb)), c = f:read(tonumber(lc)) })
   end
   f:close()
   assert(#records > 0, "no templates in " .. path)
end

local function load_slice(path)
   local f = assert(io.open(path, "rb"))
   while true do
      local line = f:read("*l")
      if not line then break end
      local token, len = line:match("^([^\t]+)\t(%d+)$")
      assert(token, "bad record in " .. path)
      local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/xml" }
      table.insert(reqs, wrk.format("POST", "/api/v1/submissions", headers, f:read(tonumber(len))))
   end
   f:close()
end

function init(args)
   mode = args[1]
   if mode == "tpl" then
      load_templates(args[2])
      nonce, seconds, mark = args[3], tonumber(args[4]), args[5] .. tid
   elseif mode == "slices" then
      load_slice(args[2] .. tid .. ".req")
      mark = args[3] .. tid
   else
      error("load.lua: mode tpl or slices")
   end
end

local function templated()
   local n = #records
   local k = counter + tid * 7919
   local rec = records[k % n + 1]
   local p = rec.periods[(math.floor(k / n) * 7 + tid) % #rec.periods + 1]
   local id = string.format("%s-%04x-4000-8000-%012x", nonce, tid, counter)
   counter = counter + 1
   return wrk.format("POST", "/api/v1/submissions", rec.headers, rec.a .. id .. rec.b .. p .. rec.c)
end

local function finish()
   finished = true
   last_answer = now()
   local m = io.open(mark, "w")
   if m then m:close() end
   wrk.thread:stop()
end

-- Called before every request: one more request, or park the connection for good.
function delay()
   local more
   if mode == "slices" then
      more = reserved < #reqs
   else
      more = first_sent == 0 or now() - first_sent < seconds
   end
   if not more then
      if answered == reserved and not finished then finish() end
      return 3600000
   end
   reserved = reserved + 1
   return 0
end

function request()
   if sent >= reserved then
      -- wrk calls request() once on thread 0 before the run to check the script; that call
      -- must not use up a document or a DocumentId
      return mode == "slices" and (reqs[1] or "") or wrk.format("GET", "/")
   end
   sent = sent + 1
   if sent == 1 then first_sent = now() end
   if mode == "slices" then return reqs[sent] end
   return templated()
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   answered = answered + 1
   local out = (mode == "slices" and reserved >= #reqs) or
      (mode == "tpl" and now() - first_sent >= seconds)
   if out and answered == reserved and not finished then finish() end
end

function done(summary, latency, requests)
   local all, parts, got = {}, {}, 0
   local t0, t1 = math.huge, 0
   for _, t in ipairs(threads) do
      for s, n in pairs(t:get("statuses") or {}) do all[s] = (all[s] or 0) + n end
      got = got + (t:get("answered") or 0)
      local a, b = t:get("first_sent") or 0, t:get("last_answer") or 0
      if a > 0 and a < t0 then t0 = a end
      if b > t1 then t1 = b end
   end
   for s, n in pairs(all) do table.insert(parts, string.format("%d:%d", s, n)) end
   table.sort(parts)
   local e = summary.errors
   local secs = (t1 > 0 and t0 < math.huge) and (t1 - t0) or (summary.duration / 1e6)
   io.write(string.format(
      "RESULT answered=%d seconds=%.3f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f" ..
      " statuses=%s sockerr=%d timeouts=%d\n",
      got, secs, got / secs, latency:percentile(50) / 1e3, latency:percentile(99) / 1e3,
      latency.max / 1e3, #parts > 0 and table.concat(parts, ",") or "-",
      e.connect + e.read + e.write, e.timeout))
end
