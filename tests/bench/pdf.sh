#!/usr/bin/env bash
# PDF reading beside `pdftotext -layout` (poppler-utils), on the same files, side by side in one run:
# the time per report of each, the median of RUNS runs, each run a fresh process (as a reviewer runs
# them): `nianbao export` (read the PDF, lay it out, parse, export every table) and `pdftotext -layout`
# (read and lay out only). Output: a Markdown table on stdout.
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
import os, statistics, subprocess, sys, time
nianbao, runs, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def timed(cmd):
    t = []
    for _ in range(runs):
        s = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t.append(time.perf_counter() - s)
    return statistics.median(t) * 1000, r.returncode
print(f"| file | KB | pages | nianbao export (ms) | pdftotext -layout (ms) | ratio |")
print("|---|---:|---:|---:|---:|---:|")
tn = tp = 0.0
for f in files:
    pages = subprocess.run(["pdfinfo", f], capture_output=True, text=True).stdout
    pages = next((l.split()[-1] for l in pages.splitlines() if l.startswith("Pages:")), "?")
    n, rc = timed([nianbao, "export", "--format", "jsonl", f])
    p, _ = timed(["pdftotext", "-layout", f, "-"])
    if rc != 0:
        continue  # broken or encrypted: no reading to compare
    tn += n; tp += p
    print(f"| {os.path.basename(f)} | {os.path.getsize(f)//1024} | {pages} | {n:.1f} | {p:.1f} | {n/p:.2f} |")
print(f"| **total** | | | **{tn:.1f}** | **{tp:.1f}** | **{tn/tp:.2f}** |")
PY
