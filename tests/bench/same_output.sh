#!/usr/bin/env bash
# Compare the output of two `nianbao` binaries byte for byte — what every speed change is checked with:
#   check --format json, human output, export --format jsonl, fmt --diff
# on the benchmark corpus (tests/bench/gen_corpus.py), tests/corpus (+ derived) and the fuzz corpora.
#
#   tests/bench/same_output.sh OLD_BINARY [NEW_BINARY]    # NEW defaults to target/release/nianbao
# Exit 0 when every output is the same, 1 otherwise (the first differences are printed).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OLD="${1:?usage: same_output.sh OLD_BINARY [NEW_BINARY]}"
NEW="${2:-$ROOT/target/release/nianbao}"
BENCH="${NIANBAO_BENCH_DIR:-$HOME/.cache/nianbao-bench}/corpus"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
# the fuzz corpora hold files without an extension: copied as .txt so that `check` reads them
for d in "$ROOT"/fuzz/corpus/*/; do
  [ -d "$d" ] || continue
  n="$(basename "$d")"
  mkdir -p "$TMP/fuzz/$n"
  for f in "$d"*; do [ -f "$f" ] && cp "$f" "$TMP/fuzz/$n/$(basename "$f").txt"; done
done
sets=("$ROOT/tests/corpus $ROOT/tests/corpus/derived")
[ -d "$BENCH" ] && sets+=("$BENCH") || echo "note: no benchmark corpus at $BENCH (tests/bench/compare.sh makes it)" >&2
for d in "$TMP"/fuzz/*; do [ -d "$d" ] && sets+=("$d"); done
rc=0
for set in "${sets[@]}"; do
  # shellcheck disable=SC2086
  for what in "check --format json --exit-zero" "check --exit-zero" "export --format jsonl" "fmt --diff"; do
    # (standard error sorted: warnings of files read in parallel come in any order)
    "$OLD" $what $set >"$TMP/a" 2>"$TMP/a.err"
    "$NEW" $what $set >"$TMP/b" 2>"$TMP/b.err"
    if cmp -s "$TMP/a" "$TMP/b" && cmp -s <(sort "$TMP/a.err") <(sort "$TMP/b.err"); then
      echo "same: $what $set"
    else
      echo "DIFFERENT: $what $set"
      diff <(head -c 1000000 "$TMP/a"; sort "$TMP/a.err") <(head -c 1000000 "$TMP/b"; sort "$TMP/b.err") | head -20
      rc=1
    fi
  done
done
exit $rc
