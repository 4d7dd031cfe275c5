-- load.lua — the sustained runs of `make bench` (bench/run), the same script for all three
-- paths (empty responder, bare path, baocao), so the client does the same work on each.
--
--   wrk ... -s bench/load.lua URL -- TEMPLATES NONCE
--
-- TEMPLATES is small.tpl or large.tpl of bench/gen.py: records
-- "TOKEN\tCADENCE\tLEN_A\tLEN_B\tLEN_C\n" + A + B + C, a document being
-- A .. DocumentId .. B .. period .. C. Each request takes the next template (each thread
-- starts elsewhere), a period of that template's cadence (months 2020-01 … 2024-11,
-- quarters 2020-Q1 … 2024-Q3, so a unit files many periods, some revised), a DocumentId
-- unique to this run (NONCE: 8 hex digits, then the thread and a counter), and the
-- reporting unit's own token. response() counts the statuses; done() prints one line
-- starting with RESULT (bench/run reads it).

local records = {}
local periods = { Month = {}, Quarter = {} }
for y = 2020, 2024 do
   for m = 1, 12 do
      if y < 2024 or m <= 11 then table.insert(periods.Month, string.format("%04d-%02d", y, m)) end
   end
   for q = 1, 4 do
      if y < 2024 or q <= 3 then table.insert(periods.Quarter, string.format("%04d-Q%d", y, q)) end
   end
end

local threads = {}
local nthreads = 0

function setup(thread)
   thread:set("tid", nthreads)
   nthreads = nthreads + 1
   table.insert(threads, thread)
end

local counter = 0
local nonce = "00000000"
statuses = {}

function init(args)
   local f = assert(io.open(args[1], "rb"))
   nonce = args[2]
   while true do
      local line = f:read("*l")
      if not line then break end
      local token, cadence, la, lb, lc = line:match("^([^\t]+)\t(%a+)\t(%d+)\t(%d+)\t(%d+)$")
      assert(token, "bad template line in " .. args[1])
      table.insert(records, {
         headers = { ["Authorization"] = "Bearer " .. token,
                     ["Content-Type"] = "application/xml" },
         periods = periods[cadence],
         a = f:read(tonumber(la)), b = f:read(tonumber(lb)), c = f:read(tonumber(lc)) })
   end
   f:close()
   assert(#records > 0, "no templates in " .. args[1])
end

function request()
   local n = #records
   local k = counter + tid * 7919
   local rec = records[k % n + 1]
   local p = rec.periods[(math.floor(k / n) * 7 + tid) % #rec.periods + 1]
   local id = string.format("%s-%04x-4000-8000-%012x", nonce, tid, counter)
   counter = counter + 1
   return wrk.format("POST", "/api/v1/submissions", rec.headers, rec.a .. id .. rec.b .. p .. rec.c)
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local all, parts = {}, {}
   for _, t in ipairs(threads) do
      for s, n in pairs(t:get("statuses") or {}) do all[s] = (all[s] or 0) + n end
   end
   for s, n in pairs(all) do table.insert(parts, string.format("%d:%d", s, n)) end
   table.sort(parts)
   local e = summary.errors
   io.write(string.format(
      "RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f" ..
      " statuses=%s sockerr=%d timeouts=%d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1e3, latency:percentile(99) / 1e3, latency.max / 1e3,
      #parts > 0 and table.concat(parts, ",") or "-",
      e.connect + e.read + e.write, e.timeout))
end
