#!/usr/bin/env bash
# Benchmarks side by side, in one go, on the same 1,000 generated reports (≈12 MB):
#   rg (merely reading the files: the floor), nianbao check (release, all rules, all cores; human
#   output as in CI, and the JSON output of every diagnostic),
#   autocorrect --lint (npm autocorrect-node), markdownlint-cli2 (npm);
# wall time (hyperfine), ratios, peak memory (/usr/bin/time -v); then edit→diagnostics latency
# of `nianbao lsp` vs `autocorrect server` driven by the same client (lsp_latency.py).
#
# Installs the peers from the registries into a scratch prefix (npm) and Debian's ripgrep,
# hyperfine and time with apt-get when missing (as root). Output: Markdown on stdout.
#
#   tests/bench/compare.sh                # 1,000 reports, 5 runs each
#   RUNS=10 N=1000 tests/bench/compare.sh
#   NIANBAO_BENCH_DIR=/tmp/b tests/bench/compare.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="${NIANBAO_BENCH_DIR:-$HOME/.cache/nianbao-bench}"
N="${N:-1000}"
RUNS="${RUNS:-5}"
EDITS="${EDITS:-200}"
MARKDOWNLINT_VERSION=0.22.1
AUTOCORRECT_VERSION=2.14.0
mkdir -p "$DIR"

log() { echo "$*" >&2; }

# --- peers ---------------------------------------------------------------------------------
need_apt=()
command -v rg >/dev/null || need_apt+=(ripgrep)
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
[[ -x /usr/bin/time ]] || need_apt+=(time)
if ((${#need_apt[@]})); then
  log "apt-get install ${need_apt[*]}"
  apt-get update -q >&2 && apt-get install -y -q --no-install-recommends "${need_apt[@]}" >&2
fi
NPM_BIN="$DIR/node_modules/.bin"
if [[ "$(cat "$DIR/.peers" 2>/dev/null)" != "$MARKDOWNLINT_VERSION $AUTOCORRECT_VERSION" ]]; then
  log "npm install markdownlint-cli2@$MARKDOWNLINT_VERSION autocorrect-node@$AUTOCORRECT_VERSION into $DIR"
  npm install --prefix "$DIR" --no-audit --no-fund --loglevel=error \
    "markdownlint-cli2@$MARKDOWNLINT_VERSION" "autocorrect-node@$AUTOCORRECT_VERSION" >&2
  echo "$MARKDOWNLINT_VERSION $AUTOCORRECT_VERSION" > "$DIR/.peers"
fi

# --- nianbao (release) and the corpus ---------------------------------------------------------
log "cargo build --release -p nianbao-cli"
(cd "$ROOT" && cargo build --release -q -p nianbao-cli >&2)
NIANBAO="$ROOT/target/release/nianbao"
CORPUS="$DIR/corpus"
python3 "$ROOT/tests/bench/gen_corpus.py" "$CORPUS" "$N" >&2
BYTES=$(cat "$CORPUS"/*.md | wc -c)
FILES=$(ls "$CORPUS"/*.md | wc -l)

# --- machine ----------------------------------------------------------------------------------
echo "## Machine"
echo
echo '```text'
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:     $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "memory:  $(free -g | awk '/Mem:/{print $2}') GiB"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, before the runs)"
echo "corpus:  $FILES reports, $((BYTES / 1000)) kB (tests/bench/gen_corpus.py)"
echo "nianbao: $("$NIANBAO" --version)"
echo "rg:      $(rg --version | head -n1)"
echo "autocorrect: $("$NPM_BIN/autocorrect" --version) (npm autocorrect-node $AUTOCORRECT_VERSION), node $(node --version)"
echo "markdownlint-cli2: $MARKDOWNLINT_VERSION"
echo '```'
echo

# --- batch ------------------------------------------------------------------------------------
names=(rg "nianbao check" "nianbao check --format json" "nianbao check (1 thread)" "autocorrect --lint" "markdownlint-cli2")
cmds=(
  "rg --no-ignore -c 总计 $CORPUS"
  "$NIANBAO check --exit-zero $CORPUS"
  "$NIANBAO check --format json --exit-zero $CORPUS"
  "env RAYON_NUM_THREADS=1 $NIANBAO check --exit-zero $CORPUS"
  "$NPM_BIN/autocorrect --lint --quiet $CORPUS"
  "$NPM_BIN/markdownlint-cli2 $CORPUS/*.md"
)
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
means=() medians=() sds=() rss=()
for i in "${!names[@]}"; do
  log "hyperfine: ${names[$i]}"
  hyperfine -N -i --warmup 1 --runs "$RUNS" --style none --export-json "$TMP/$i.json" "${cmds[$i]}" >/dev/null 2>&1 \
    || hyperfine -i --warmup 1 --runs "$RUNS" --style none --export-json "$TMP/$i.json" "${cmds[$i]} >/dev/null" >/dev/null 2>&1
  means+=("$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['mean'])" "$TMP/$i.json")")
  medians+=("$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['median'])" "$TMP/$i.json")")
  sds+=("$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['stddev'] or 0)" "$TMP/$i.json")")
  # shellcheck disable=SC2086
  /usr/bin/time -v -o "$TMP/$i.time" ${cmds[$i]} >/dev/null 2>&1 || true
  rss+=("$(awk -F: '/Maximum resident set size/{gsub(/ /,"",$2); print $2}' "$TMP/$i.time")")
done

echo "## Batch: $FILES reports, $((BYTES / 1000)) kB, $RUNS runs each after a warm-up"
echo
echo "Ratios are of medians: on a small shared VM a run now and then takes far longer than the others"
echo "(scheduling), which moves a mean of a few runs more than the typical run; means are shown too."
echo
echo "| tool | median | mean ± sd | × rg (median) | × rg (mean) | nianbao is faster by | peak memory |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for i in "${!names[@]}"; do
  python3 - "${names[$i]}" "${medians[$i]}" "${means[$i]}" "${sds[$i]}" "${medians[0]}" "${means[0]}" "${medians[1]}" "${rss[$i]}" <<'PY'
import sys
name = sys.argv[1]
median, mean, sd, rg_median, rg_mean, nb_median = map(float, sys.argv[2:8])
rss = int(sys.argv[8] or 0)
faster = "—" if name.startswith("nianbao") or name == "rg" else f"{median / nb_median:.0f}×"
print(f"| `{name}` | {median:.3f} s | {mean:.3f} s ± {sd:.3f} | {median / rg_median:.1f} | "
      f"{mean / rg_mean:.1f} | {faster} | {rss / 1024:.0f} MB |")
PY
done
python3 - "${medians[1]}" "$FILES" "$BYTES" <<'PY'
import sys
t, files, size = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
print()
print(f"nianbao check: {files / t:,.0f} reports/s, {size / t / 1e6:.1f} MB/s "
      f"→ 10,000 reports (a province) in {10000 / (files / t):.1f} s on this machine.")
PY
echo

# --- LSP latency --------------------------------------------------------------------------------
REPORT="$ROOT/tests/corpus/001_7e69af88cfc75a8c.txt"
echo "## LSP: didChange → publishDiagnostics, $EDITS edits of a real report (whole-document changes)"
echo
echo "| server | p50 | p95 | max | mean |"
echo "|---|---:|---:|---:|---:|"
for s in nianbao autocorrect; do
  if [[ $s == nianbao ]]; then cmd=("$NIANBAO" lsp); else cmd=("$NPM_BIN/autocorrect" server); fi
  python3 "$ROOT/tests/bench/lsp_latency.py" "$s" "$REPORT" "$EDITS" -- "${cmd[@]}" > "$TMP/lsp-$s.json"
  python3 - "$TMP/lsp-$s.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
label = {"nianbao": "`nianbao lsp` (debounce_ms 0)", "autocorrect": "`autocorrect server`"}[r["server"]]
print(f"| {label} | {r['p50_ms']:.1f} ms | {r['p95_ms']:.1f} ms | {r['max_ms']:.1f} ms | {r['mean_ms']:.1f} ms |")
PY
done
echo
echo "load after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
