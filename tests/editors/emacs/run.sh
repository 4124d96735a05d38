#!/usr/bin/env bash
# Emacs (28, eglot 1.9 from Debian) batch end-to-end test of editors/emacs/nianbao.el.
# Needs: $NIANBAO_EMACS (default: emacs), $NIANBAO_BIN (default: target/debug/nianbao).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
EMACS="${NIANBAO_EMACS:-emacs}"
BIN="${NIANBAO_BIN:-$ROOT/target/debug/nianbao}"
[[ -x "$BIN" ]] || { echo "FAIL: nianbao binary not found at $BIN (run cargo build)" >&2; exit 1; }
command -v "$EMACS" >/dev/null || { echo "FAIL: emacs not found ($EMACS)" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-emacs.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home" "$WORK/report"
install -m 644 "$ROOT/tests/corpus/001_7e69af88cfc75a8c.txt" "$WORK/report/2020.txt"
git -C "$WORK/report" init -q   # a project for project.el, as in real use

export HOME="$WORK/home" LANG=C.UTF-8
export NIANBAO_BIN="$BIN" NIANBAO_EL_DIR="$ROOT/editors/emacs" TEST_FILE="$WORK/report/2020.txt"
rc=0
timeout 120 "$EMACS" -Q --batch -l "$HERE/e2e.el" || rc=$?
if ((rc != 0)); then
  echo "FAIL: emacs e2e (exit $rc)" >&2
  exit 1
fi
echo "PASS: emacs e2e"
