#!/usr/bin/env bash
# PDF reading beside `pdftotext -layout` (poppler-utils), on the same files, side by side in one run:
# the time per report of each, the median of RUNS runs, each run a fresh process (as a reviewer runs
# them), the two run in turns: `nianbao export` (read the PDF, lay it out, parse, export every table;
# with `pdftotext -tsv` too when its reading is checked as the fallback) and `pdftotext -layout` (read
# and lay out only). Wall time, and CPU time (user + system, with child processes), which a busy
# machine disturbs less. Output: a Markdown table on stdout.
#
#   tests/bench/pdf.sh                      # tests/corpus/pdf, 20 runs
#   RUNS=50 tests/bench/pdf.sh a.pdf b.pdf
#   NIANBAO=/tmp/nianbao-old tests/bench/pdf.sh   # another build of nianbao (before/after comparisons)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${RUNS:-20}"
command -v pdftotext >/dev/null || { echo "pdftotext is missing: apt-get install poppler-utils" >&2; exit 2; }
if [ -z "${NIANBAO:-}" ]; then
  (cd "$ROOT" && cargo build --release -q -p nianbao-cli)
  NIANBAO="$ROOT/target/release/nianbao"
fi
if [ $# -eq 0 ]; then
  set -- "$ROOT"/tests/corpus/pdf/*.pdf
fi
python3 - "$NIANBAO" "$RUNS" "$@" <<'PY'
import os, resource, statistics, subprocess, sys, time
nianbao, runs, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def once(cmd):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    s = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - s
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime
    return wall * 1000, cpu * 1000, r.returncode
def timed(a, b):
    # the two commands in turns, so that both meet the same load
    ta, tb = [], []
    for _ in range(runs):
        ta.append(once(a))
        tb.append(once(b))
    med = lambda t, i: statistics.median(x[i] for x in t)
    return (med(ta, 0), med(ta, 1), ta[-1][2]), (med(tb, 0), med(tb, 1))
print("| file | KB | pages | nianbao export (ms) | pdftotext -layout (ms) | ratio | CPU: nianbao (ms) | CPU: pdftotext (ms) | CPU ratio |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
tn = tp = cn = cp = 0.0
for f in files:
    pages = subprocess.run(["pdfinfo", f], capture_output=True, text=True).stdout
    pages = next((l.split()[-1] for l in pages.splitlines() if l.startswith("Pages:")), "?")
    (n, c, rc), (p, q) = timed([nianbao, "export", "--format", "jsonl", f], ["pdftotext", "-layout", f, "-"])
    if rc != 0:
        continue  # broken or encrypted: no reading to compare
    tn += n; tp += p; cn += c; cp += q
    print(f"| {os.path.basename(f)} | {os.path.getsize(f)//1024} | {pages} | {n:.1f} | {p:.1f} | {n/p:.2f} | {c:.1f} | {q:.1f} | {c/q:.2f} |")
print(f"| **total** | | | **{tn:.1f}** | **{tp:.1f}** | **{tn/tp:.2f}** | **{cn:.1f}** | **{cp:.1f}** | **{cn/cp:.2f}** |")
PY
