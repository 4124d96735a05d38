#!/usr/bin/env bash
# `nianbao serve` in a browser: the page driven by playwright-core in headless Debian chromium (no
# network but the server: any other request fails the test). Drops seed 001 → NB304 on its cell, the
# rule's explanation, a safe fix applied (the diagnostic goes, the text re-checked), downloads (fixed
# text, Markdown, CSV), pasted text, several files dropped → the review roll-up; another site open in the
# same browser (its scripts, a form it posts, a DNS-rebinding name mapped to 127.0.0.1) refused; screenshots into
# target/serve-screenshots/ (NIANBAO_SCREENSHOTS=docs/screenshots refreshes the README's).
# Needs: $NIANBAO_CHROMIUM, $NIANBAO_BIN, node_modules in tests/editors/vscode (playwright-core).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="${NIANBAO_BIN:-$ROOT/target/debug/nianbao}"
CHROMIUM="${NIANBAO_CHROMIUM:-/usr/bin/chromium}"
OUT="$ROOT/target/serve-screenshots"
[[ -x "$BIN" ]] || { echo "FAIL: nianbao binary not found at $BIN (run cargo build)" >&2; exit 1; }
[[ -x "$CHROMIUM" ]] || { echo "FAIL: chromium not found at $CHROMIUM" >&2; exit 1; }
[[ -d "$ROOT/tests/editors/vscode/node_modules/playwright-core" ]] || (cd "$ROOT/tests/editors/vscode" && npm ci --loglevel=error)
mkdir -p "$OUT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-serve.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# loopback, a free port: the server says where on its first line
"$BIN" serve --addr 127.0.0.1:0 2>"$WORK/server.log" &
SERVER_PID=$!
URL=""
for _ in $(seq 1 100); do
  URL="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$WORK/server.log" | head -n1 || true)"
  [[ -n "$URL" ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; echo "FAIL: nianbao serve exited" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$URL" ]] || { cat "$WORK/server.log" >&2; echo "FAIL: nianbao serve did not start" >&2; exit 1; }
echo "server: $URL"
rc=0
NODE_PATH="$ROOT/tests/editors/vscode/node_modules" CHROMIUM="$CHROMIUM" \
  timeout 120 node "$HERE/page.js" "$URL" "$ROOT" "$OUT" "${NIANBAO_SCREENSHOTS:-}" || rc=$?
kill -0 "$SERVER_PID" 2>/dev/null || { echo "FAIL: the server died during the test" >&2; rc=1; }
exit "$rc"
