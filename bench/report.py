#!/usr/bin/env python3
"""The table of `make bench` (bench/run), from the files of one run in RESULTS_DIR:
meta.txt, runs.tsv, deadline.txt, memory.tsv, memory.txt, national.txt, consolidation.tsv.
Exits 1 when a consistency
check fails (an answer other than the expected one, stored submissions != 201s counted,
deadline-day errors); missed targets are printed as MISS and do not change the status.

    report.py RESULTS_DIR
"""
import csv
import math
import os
import statistics
import sys

SIZES = [("small", "4 KB commune monthly reports"), ("large", "100 KB district quarterly reports")]
PATHS = [("transport", "(1) transport"), ("bare", "(3) bare path"), ("baocao", "(4) baocao")]
CONNS = [1, 16, 64]


def kv(path):
    out = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                k, _, v = line.rstrip("\n").partition(" ")
                if k:
                    out[k] = v
    return out


NATIONAL = [("consolidated", "consolidated report, %(province_name)s (%(province)s, "
             "%(province_communes)s communes), %(year)s"),
            ("ntm", "recognition (ntm), %(province_name)s, %(year)s"),
            ("completeness", "completeness, the whole country (under=VN), %(year)s-06")]


def national(d, w, failures, mode):
    """Section (6): what bench/national.c loaded, and the median time of each report.
    Returns {report: median seconds}."""
    nat = kv(os.path.join(d, "national.txt"))
    path = os.path.join(d, "consolidation.tsv")
    if not nat or not os.path.exists(path):
        w("(6) consolidation at national scale: not run")
        if mode != "filing":
            failures.append("section (6) did not run")
        return {}
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    reports, stored = int(nat.get("reports", "0")), int(nat.get("stored", "-1"))
    secs = float(nat.get("seconds", "nan"))
    def n(key):
        return format(int(float(nat.get(key, "0"))), ",")

    w("(6) consolidation at national scale: every commune's monthly ProgressReports of %s, "
      "generated" % nat.get("years"))
    w("    by bench/national.c, each through the ingest code (parse, XSD, rules, extraction), "
      "written in batches")
    w("    loaded: %s reports of %s communes (%s second revisions; %s months missing, %s late), "
      "%.2f GB as sent" % (n("reports"), n("communes"), n("revisions"), n("missing"), n("late"),
                           int(nat.get("bytes", "0")) / 1e9))
    w("            %s facts (%s criteria in %s rows, one a commune's report; %s amount, "
      "%s indicator)" % (n("facts"), n("fact_criterion"), n("fact_criteria_rows"),
                         n("fact_amount"), n("fact_indicator")))
    w("            in %.0f s: %s reports/s, %s facts/s (%s jobs, the machine shared as above)"
      % (secs, n("reports_per_s"), n("facts_per_s"), nat.get("jobs")))
    if stored != reports:
        failures.append("national data set: %d submissions stored, the loader wrote %d" %
                        (stored, reports))
    fields = dict(nat)
    fields["year"] = nat.get("years", "").split("-")[-1]
    w("    through nginx with the office's token (%s), curl's time_total; %s runs after a "
      "first one:" % (nat.get("office"), nat.get("runs")))
    w("    %-66s %8s %9s %8s %10s" % ("", "first s", "median s", "max s", "bytes"))
    medians = {}
    for name, label in [(n + s, l + s) for s in ("", " settled") for n, l in NATIONAL]:
        if name.endswith(" settled") and name == NATIONAL[0][0] + " settled":
            w("    after InnoDB's backlog from the load (purge %s, dirty pages %s) settled in %s s:" %
              (tuple((nat.get("backlog_before", "? ?").split() + ["?", "?"])[:2]) +
               (nat.get("settled_seconds", "?"),)))
        mine = [r for r in rows if r["report"] == name]
        bad = [r for r in mine if r["status"] != "200"]
        if bad:
            failures.append("(6) %s: %d answers other than 200 (%s)" %
                            (name, len(bad), ",".join(sorted({r["status"] for r in bad}))))
        first = [float(r["seconds"]) for r in mine if r["round"] == "0"]
        runs = [float(r["seconds"]) for r in mine if r["round"] != "0"]
        if not runs:
            continue
        medians[name] = statistics.median(runs)
        w("    %-66s %8.3f %9.3f %8.3f %10s" % (label % fields, first[0] if first else
                                               float("nan"), medians[name], max(runs),
                                               format(int(mine[-1]["bytes"]), ",")))
    w("    worker RSS after the reports: largest %s kB, all %s kB" %
      tuple(nat.get("rss_after", "0,0,0").split(",")[:2]))
    return medians


def main():
    d = sys.argv[1]
    meta = kv(os.path.join(d, "meta.txt"))
    dl = kv(os.path.join(d, "deadline.txt"))
    mem = kv(os.path.join(d, "memory.txt"))
    with open(os.path.join(d, "runs.tsv"), encoding="utf-8") as f:
        runs = list(csv.DictReader(f, delimiter="\t"))

    def pick(path, size, conns=None):
        return [r for r in runs if r["path"] == path and r["size"] == size and
                (conns is None or int(r["conns"]) == conns)]

    def med(rows, key):
        vals = [float(r[key]) for r in rows]
        return statistics.median(vals) if vals else float("nan")

    failures = []
    lines = []
    w = lines.append
    w("baocao bench, %s: %s, %s rounds x %s s per run, medians; %s workers (baocao, bare "
      "path and empty responder alike)" % (meta.get("date"), meta.get("mode"),
                                            meta.get("rounds"), meta.get("seconds"),
                                            meta.get("workers")))
    others = [float(r["cpu_other_us"]) * float(r["rps"]) / 1e6 for r in runs
              if r["path"] != "validate"]
    w("machine: nproc %s, %s, RAM %s; nginx, workers, MariaDB and wrk share it" %
      (meta.get("nproc"), meta.get("cpu"), meta.get("memory")))
    w("         other processes used %s cores before the bench, %.2f (median) during its runs" %
      (meta.get("load_before", "?"), statistics.median(others) if others else float("nan")))
    steals = [float(r["steal_pct"]) for r in runs
              if r["path"] != "validate" and r.get("steal_pct", "-") not in ("-", "", None)]
    if steals:
        w("         the hypervisor took %.1f%% of the machine's time (steal; median of the runs, "
          "%.1f%% to %.1f%%)" % (statistics.median(steals), min(steals), max(steals)))
    w("")
    w("%-34s %5s %10s %9s %9s %7s  %s" % ("", "conn", "req/s", "p50 ms", "p99 ms", "errors",
                                           "worker RSS max, kB (before -> after)"))
    for size, title in SIZES:
        w(title)
        v = pick("validate", size)
        w("  %-32s %5s %10.0f %9s %9s %7s  %s" % ("(2) validation alone", "1 core",
                                                  med(v, "rps"), "", "", "",
                                                  "%d (its own process)" % max(
                                                      [int(r["rss_before"]) for r in v] or [0])))
        for conns in CONNS:
            for path, name in PATHS:
                rows = pick(path, size, conns)
                if not rows:
                    continue
                bad = sum(int(r["bad"]) for r in rows)
                if bad:
                    failures.append("%s %s %d conn: %d answers other than expected" %
                                    (path, size, conns, bad))
                rss = ""
                if path == "baocao":
                    rss = "%d -> %d" % (min(int(r["rss_before"]) for r in rows),
                                        max(int(r["rss_after"]) for r in rows))
                w("  %-32s %5d %10.0f %9.2f %9.2f %7d  %s" % (name, conns, med(rows, "rps"),
                                                            med(rows, "p50_ms"),
                                                            med(rows, "p99_ms"), bad, rss))
    w("")
    w("ratios of baocao (4) to       conn   transport (1)   bare path (3)   validation alone (2)")
    ratio = {}
    for size, title in SIZES:
        val = med(pick("validate", size), "rps")
        for conns in CONNS:
            full = med(pick("baocao", size, conns), "rps")
            t = med(pick("transport", size, conns), "rps")
            b = med(pick("bare", size, conns), "rps")
            ratio[(size, conns)] = (full, b, t, val)
            w("  %-27s %5d %15.2f %15.2f %22.2f" % ("4 KB" if size == "small" else "100 KB",
                                                   conns, full / t, full / b, full / val))
    w("  (validation alone runs on one core; the servers have both, shared with nginx, MariaDB, wrk)")
    w("")
    w("CPU per answered request, ms (64 conn; 'other' is the rest of the machine: its other "
      "processes, interrupts)")
    w("  %-24s %9s %9s %9s %9s %9s %9s" % ("", "workers", "MariaDB", "nginx", "wrk", "other",
                                          "total"))
    cols = ["cpu_workers_us", "cpu_mariadb_us", "cpu_nginx_us", "cpu_wrk_us", "cpu_other_us"]
    for size, title in SIZES:
        for path, name in PATHS:
            rows = pick(path, size, 64)
            if not rows:
                continue
            vals = [med(rows, c) / 1000 for c in cols]
            w("  %-24s %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f" % (
                "%s %s" % (name[4:], "4 KB" if size == "small" else "100 KB"), *vals, sum(vals)))
    if dl.get("cpu_us"):
        vals = [int(x) / 1000 for x in dl["cpu_us"].split()]
        w("  %-24s %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f" % ("baocao deadline day", *vals,
                                                          sum(vals)))
    w("")
    dl_secs = float(dl.get("seconds", "nan"))
    dl_bad = int(dl.get("bad", "0"))
    w("(5) deadline day: %s documents (%s communes %s, %s districts and %s departments %s), "
      "%.1f MB, each unit with its own token, 64 connections" %
      (dl.get("total"), dl.get("communes"), dl.get("month"), dl.get("districts"),
       dl.get("departments"), dl.get("quarter"), int(dl.get("bytes", "0")) / 1e6))
    w("    absorbed in %.2f s (%.0f/s), p50 %s ms, p99 %s ms; answers %s; stored %s; "
      "worker RSS %s -> %s kB; steal %s%%" %
      (dl_secs, float(dl.get("rps", "0")), dl.get("p50_ms"), dl.get("p99_ms"),
       dl.get("statuses"), dl.get("stored"), dl.get("rss_before"), dl.get("rss_after"),
       dl.get("steal_pct", "?")))
    if dl_bad or dl.get("answered") != dl.get("total") or dl.get("stored") != dl.get("total"):
        failures.append("deadline day: %s answers other than 201, %s of %s answered, %s stored"
                        % (dl_bad, dl.get("answered"), dl.get("total"), dl.get("stored")))
    nat_timings = national(d, w, failures, meta.get("mode"))
    w("")
    start = meta.get("rss_start", "0,0,0").split(",")
    end = meta.get("rss_end", "0,0,0").split(",")
    all_rss = [int(r["rss_after"]) for r in runs if r["path"] == "baocao"]
    peak = max(all_rss + [int(dl.get("rss_after", "0")), int(end[0])])
    w("memory: %s workers, largest RSS %s kB at start, %d kB at most after a run, %s kB at the "
      "end (all workers together: %s -> %s kB)" % (end[2], start[0], peak, end[0], start[1],
                                                    end[1]))
    steady = None
    samples = []
    if os.path.exists(os.path.join(d, "memory.tsv")):
        with open(os.path.join(d, "memory.tsv"), encoding="utf-8") as f:
            for line in f:
                t, r = line.rstrip("\n").split("\t")
                mx, total, n = (int(x) for x in r.split())
                samples.append((t, mx, total, n))
    if len(samples) >= 8:
        # after the first minute every worker has seen every kind of document
        base = next(s for s in samples if s[0] != "end" and int(s[0]) >= 60)
        last = samples[-1]
        growth = last[1] - base[1]
        steady = growth <= 1024 and last[2] - base[2] <= 1024 * last[3]
        w("        %s s of mixed reports at 64 connections (%s/s, p99 %s ms, %s): largest "
          "worker %d kB at 60 s, %d kB at the end (%+d kB); all workers %d -> %d kB" %
          (meta.get("mem_secs"), mem.get("rps"), mem.get("p99_ms"), mem.get("statuses"),
           base[1], last[1], growth, base[2], last[2]))
    else:
        w("        the 5-minute steadiness run is part of FULL=1 only")
    full_201, stored = int(meta.get("full_201", "0")), int(meta.get("stored", "-1"))
    bare_201, bare_stored = int(meta.get("bare_201", "0")), int(meta.get("bare_stored", "-1"))
    w("check: submissions stored %d, 201s counted %d: %s; bench_bare rows %d, bare 201s %d: %s" %
      (stored, full_201, "equal" if stored == full_201 else "DIFFERENT", bare_stored, bare_201,
       "equal" if bare_stored == bare_201 else "DIFFERENT"))
    if stored != full_201:
        failures.append("stored submissions %d != 201s counted %d" % (stored, full_201))
    if bare_stored != bare_201:
        failures.append("bench_bare rows %d != bare 201s %d" % (bare_stored, bare_201))
    w("")
    full64, bare64, _, _ = ratio[("small", 64)]
    p99 = med(pick("baocao", "small", 64), "p99_ms")
    large64 = ratio[("large", 64)][0]

    def target(name, ok, value):
        w("  %-58s %-22s %s" % (name, value, "ok" if ok else "MISS"))

    w("targets (issue 7)")
    target("4 KB, 64 conn: baocao >= 0.9 x bare path", full64 >= 0.9 * bare64,
           "%.2f x" % (full64 / bare64))
    target("4 KB, 64 conn: >= 3,000 accepted/s", full64 >= 3000, "%.0f/s" % full64)
    target("4 KB, 64 conn: p99 <= 30 ms", p99 <= 30, "%.1f ms" % p99)
    if math.isnan(large64):
        w("  %-58s %-22s %s" % ("100 KB, 64 conn: >= 100/s", "not run", "-"))
    else:
        target("100 KB, 64 conn: >= 100/s", large64 >= 100, "%.0f/s" % large64)
    target("deadline day: absorbed in <= 10 s, no errors", dl_secs <= 10 and not dl_bad,
           "%.2f s, %d errors" % (dl_secs, dl_bad))
    target("worker RSS <= 30 MB", peak <= 30 * 1024, "%.1f MB" % (peak / 1024))
    if steady is None:
        w("  %-58s %-22s %s" % ("worker memory steady over 5 minutes", "FULL=1 only", "-"))
    else:
        target("worker memory steady over 5 minutes", steady, "see above")
    if nat_timings:
        w("targets (issue 5, Scale)")
        for name, label in (("consolidated", "consolidated, a province's year"),
                            ("completeness", "completeness, the country's month")):
            for when, key in (("just loaded", name),
                              ("settled", name + " settled")):
                if key in nat_timings:
                    t = nat_timings[key]
                    target("%s, %s: < 1 s" % (label, when), t < 1, "%.3f s (median)" % t)
    if failures:
        w("")
        for f in failures:
            w("FAILED: " + f)
    print("\n".join(lines))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
