#!/usr/bin/env bash
# A short fuzz run of every target in fuzz/ (cargo fuzz, libFuzzer): FUZZ_SECONDS each (default 60).
#
# Installs cargo-fuzz from crates.io when missing; only the stable toolchain exists here, and
# RUSTC_BOOTSTRAP=1 lets cargo-fuzz use the nightly flags it needs (sanitizer, coverage).
# The stored corpus (fuzz/corpus/<target>/) seeds each run; what the run adds goes to a scratch
# directory, not into the repository. A crash leaves its input in fuzz/artifacts/<target>/ and fails
# the script; make it a regression input with
#   cp fuzz/artifacts/<target>/crash-* fuzz/corpus/<target>/regression-<what>
# (`cargo test -p nianbao-e2e --test fuzz_corpus` then replays it). Long campaigns: docs/fuzzing.md.
#
#   tests/fuzz/run.sh                    # all targets, 60 s each
#   FUZZ_SECONDS=10 tests/fuzz/run.sh analyze format
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT/fuzz"
SECONDS_EACH="${FUZZ_SECONDS:-60}"
CARGO_FUZZ_VERSION=0.13.2
TARGETS=("$@")
((${#TARGETS[@]})) || TARGETS=(analyze format html docx lsp pdf)
export RUSTC_BOOTSTRAP=1

t0=$SECONDS
step() { printf '\n==> [fuzz %4ds] %s\n' "$((SECONDS - t0))" "$*"; }

if [[ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]]; then
  step "cargo install cargo-fuzz@$CARGO_FUZZ_VERSION"
  cargo install --locked "cargo-fuzz@$CARGO_FUZZ_VERSION"
fi

step "cargo fuzz build (release, debug assertions, AddressSanitizer)"
cargo fuzz build
BIN_DIR="$ROOT/fuzz/target/$(rustc -vV | sed -n 's/^host: //p')/release"

# FUZZ_RUNS=N: a fixed number of runs from a fixed seed (FUZZ_SEED, default 1) instead of a time
# limit, so that a CI run tries the same inputs every time and fails only on a regression; new
# findings come from timed runs and long campaigns (docs/fuzzing.md).
if [[ -n "${FUZZ_RUNS:-}" ]]; then
  LIMIT=(-runs="$FUZZ_RUNS" -seed="${FUZZ_SEED:-1}")
else
  LIMIT=(-max_total_time="$SECONDS_EACH")
fi

SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
passed=0 failed=0
failed_names=()
for t in "${TARGETS[@]}"; do
  step "cargo fuzz run $t (${LIMIT[*]})"
  mkdir -p "$SCRATCH/$t"
  rc=0
  # -timeout: one input may open a whole report in the language server; -rss_limit_mb: a memory
  # blow-up is a finding too
  # the binary cargo fuzz built (`cargo fuzz run` would first check the build again)
  mkdir -p "artifacts/$t"
  "$BIN_DIR/$t" "$SCRATCH/$t" "corpus/$t" -artifact_prefix="artifacts/$t/" \
    "${LIMIT[@]}" -timeout=60 -rss_limit_mb=4096 -print_final_stats=1 \
    > "$SCRATCH/$t.log" 2>&1 || rc=$?
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)' "$SCRATCH/$t.log" | tr '\n' ' '
  echo
  if ((rc == 0)); then
    passed=$((passed + 1))
    echo "fuzz $t: PASS"
  else
    failed=$((failed + 1))
    failed_names+=("$t")
    tail -n 60 "$SCRATCH/$t.log"
    echo "fuzz $t: FAIL (exit $rc); the input is in fuzz/artifacts/$t/" >&2
  fi
done

step "done"
((failed == 0)) || echo "failed fuzz targets: ${failed_names[*]}"
echo "fuzz: $passed passed, $failed failed"
((failed == 0))
