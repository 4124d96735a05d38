#!/usr/bin/env bash
# `nianbao review` in a browser: the review of the test region (tests/corpus/region) as HTML, opened in
# headless Debian chromium by playwright-core (no network: every non-file request fails the test),
# filtered, sorted, a unit's 审核意见 opened, printed to PDF; screenshots into target/review-screenshots/
# (NIANBAO_SCREENSHOTS=docs/screenshots to refresh the README's).
# Needs: $NIANBAO_CHROMIUM, $NIANBAO_BIN, node_modules in tests/editors/vscode (playwright-core).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="${NIANBAO_BIN:-$ROOT/target/debug/nianbao}"
CHROMIUM="${NIANBAO_CHROMIUM:-/usr/bin/chromium}"
OUT="$ROOT/target/review-screenshots"
[[ -x "$BIN" ]] || { echo "FAIL: nianbao binary not found at $BIN (run cargo build)" >&2; exit 1; }
[[ -x "$CHROMIUM" ]] || { echo "FAIL: chromium not found at $CHROMIUM" >&2; exit 1; }
[[ -d "$ROOT/tests/editors/vscode/node_modules/playwright-core" ]] || (cd "$ROOT/tests/editors/vscode" && npm ci --loglevel=error)
mkdir -p "$OUT"
"$BIN" review --units "$ROOT/tests/corpus/region/units.csv" "$ROOT/tests/corpus/region" -o "$OUT/review.html"
NODE_PATH="$ROOT/tests/editors/vscode/node_modules" CHROMIUM="$CHROMIUM" \
  node "$HERE/html.js" "$OUT/review.html" "$OUT" "${NIANBAO_SCREENSHOTS:-}"
