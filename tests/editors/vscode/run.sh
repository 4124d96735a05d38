#!/usr/bin/env bash
# VS Code end-to-end test: the packaged nianbao VSIX in code-server (VS Code 1.100,
# node extension host), driven by playwright-core in Debian chromium.
#   1. `npm run package` builds the VSIX offline; size and contents are checked
#   2. code-server installs it and opens a workspace holding seed 001
#   3. e2e.js: Problems panel shows NB304, completion in table 三, a quick fix,
#      save formats the file, commands, settings; screenshots into target/screenshots/
#      (into the README's docs/screenshots/ only with NIANBAO_UPDATE_SCREENSHOTS=1, so that
#      the suite leaves the work tree as it found it)
#   4. restricted.js: in an untrusted workspace the report is still checked, with
#      `nianbao` from ~/.cargo/bin, and nianbao.server.path is ignored
#   5. the VSIX with the Linux x64 server inside (`npm run package:bundled`, from
#      target/release/nianbao when present, else the binary under test): contents checked,
#      installed into a fresh code-server with no setting and no `nianbao` on PATH or in
#      ~/.cargo/bin; the report is checked by the bundled server (seen in the process list)
# Needs: $NIANBAO_CODE_SERVER, $NIANBAO_CHROMIUM, $NIANBAO_BIN, node_modules in
# editors/vscode and tests/editors/vscode (installed by .ci/run).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
BIN="${NIANBAO_BIN:-$ROOT/target/debug/nianbao}"
CACHE="${NIANBAO_CI_CACHE:-$HOME/.cache/nianbao-ci}"
CS="${NIANBAO_CODE_SERVER:-$(ls "$CACHE"/code-server-*/node_modules/.bin/code-server 2>/dev/null | tail -n1)}"
CHROMIUM="${NIANBAO_CHROMIUM:-/usr/bin/chromium}"
if [[ "${NIANBAO_UPDATE_SCREENSHOTS:-}" == "1" ]]; then
  SHOTS="$ROOT/docs/screenshots"
else
  SHOTS="${NIANBAO_SCREENSHOTS:-$ROOT/target/screenshots}"
fi
[[ -x "$BIN" ]] || { echo "FAIL: nianbao binary not found at $BIN (run cargo build)" >&2; exit 1; }
[[ -n "$CS" && -x "$CS" ]] || { echo "FAIL: code-server not found (NIANBAO_CODE_SERVER=$CS); .ci/run installs it" >&2; exit 1; }
[[ -x "$CHROMIUM" ]] || { echo "FAIL: chromium not found at $CHROMIUM" >&2; exit 1; }
[[ -d "$HERE/node_modules/playwright-core" ]] || (cd "$HERE" && npm ci --loglevel=error)
[[ -d "$ROOT/editors/vscode/node_modules/vscode-languageclient" ]] || (cd "$ROOT/editors/vscode" && npm ci --loglevel=error)

t0=$SECONDS
WORK="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-vscode.XXXXXX")"
CS_PID=""
cleanup() {
  if [[ -n "$CS_PID" ]]; then kill "$CS_PID" 2>/dev/null || true; wait "$CS_PID" 2>/dev/null || true; fi
  [[ -n "${NIANBAO_KEEP_WORK:-}" ]] && echo "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

# --- 1. unit tests, package ---------------------------------------------------------
echo "-- npm run test:unit (report detection)"
(cd "$ROOT/editors/vscode" && npm run test:unit --silent >"$WORK/unit.log" 2>&1) \
  || { cat "$WORK/unit.log" >&2; echo "FAIL: npm run test:unit" >&2; exit 1; }
echo "detection unit tests: $(sed -n 's/^# pass //p' "$WORK/unit.log") ok"
echo "-- npm run package"
(cd "$ROOT/editors/vscode" && rm -f nianbao.vsix && npm run package --silent >"$WORK/package.log" 2>&1) \
  || { cat "$WORK/package.log" >&2; echo "FAIL: npm run package" >&2; exit 1; }
VSIX="$ROOT/editors/vscode/nianbao.vsix"
python3 - "$VSIX" <<'PY'
import sys, zipfile, os
path = sys.argv[1]
size = os.path.getsize(path)
names = zipfile.ZipFile(path).namelist()
print(f"vsix: {size/1024:.1f} KB, {len(names)} files")
problems = []
if size > 1024 * 1024:
    problems.append(f"VSIX is {size} bytes (> 1 MiB)")
for required in ["extension/package.json", "extension/dist/extension.js", "extension/package.nls.json",
                 "extension/package.nls.zh-cn.json", "extension/LICENSE.txt", "extension/syntaxes/nianbao.tmLanguage.json"]:
    if required not in names:
        problems.append("missing " + required)
for n in names:
    if "node_modules/" in n or n.endswith(".ts") or n.endswith(".map") or "/src/" in n:
        problems.append("should not ship " + n)
if problems:
    print("FAIL: " + "; ".join(problems), file=sys.stderr)
    sys.exit(1)
PY

# --- 2. code-server -------------------------------------------------------------
mkdir -p "$WORK"/{xdg/config,xdg/data,xdg/state,xdg/cache,udd/User,ext,ws,chrome,tmp}
export XDG_CONFIG_HOME="$WORK/xdg/config" XDG_DATA_HOME="$WORK/xdg/data" XDG_STATE_HOME="$WORK/xdg/state" XDG_CACHE_HOME="$WORK/xdg/cache"
export TMPDIR="$WORK/tmp"
SEED="$ROOT/tests/corpus/001_7e69af88cfc75a8c.txt"
install -m 644 "$SEED" "$WORK/ws/2020.txt"
printf '# Notes\n\nNot a report; the extension must leave it alone.\n' > "$WORK/ws/notes.md"
python3 - "$WORK/udd/User/settings.json" "$BIN" <<'PY'
import json, sys
json.dump({
    "nianbao.server.path": sys.argv[2],
    "nianbao.trace.server": "messages",
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": False,
    "workbench.enableExperiments": False,
    "security.workspace.trust.enabled": False,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "extensions.autoCheckUpdates": False,
    "extensions.autoUpdate": False,
    "extensions.ignoreRecommendations": True,
    "git.enabled": False,
    "editor.fontFamily": "'WenQuanYi Zen Hei Mono', 'WenQuanYi Zen Hei', monospace",
    "editor.minimap.enabled": False,
    "window.commandCenter": False,
    "chat.commandCenter.enabled": False
}, open(sys.argv[1], "w"), indent=2)
PY
"$CS" --user-data-dir "$WORK/udd" --extensions-dir "$WORK/ext" --install-extension "$VSIX" 2>&1 | tail -n 2
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
# A PATH and HOME without any nianbao: the extension must find the server only
# through nianbao.server.path (and report clearly when that is wrong).
mkdir -p "$WORK/home"
env HOME="$WORK/home" PATH="$(dirname "$(command -v node)"):/usr/local/bin:/usr/bin:/bin" \
"$CS" --auth none --bind-addr "127.0.0.1:$PORT" --user-data-dir "$WORK/udd" --extensions-dir "$WORK/ext" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --locale en "$WORK/ws" >"$WORK/code-server.log" 2>&1 &
CS_PID=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null || { cat "$WORK/code-server.log" >&2; echo "FAIL: code-server did not start" >&2; exit 1; }
echo "-- code-server on 127.0.0.1:$PORT ready after $((SECONDS - t0)) s"

# --- 3. drive it ------------------------------------------------------------------
ANCHOR_LINE="$(grep -n '不予公开' "$SEED" | head -n1 | cut -d: -f1)"
mkdir -p "$SHOTS"
rc=0
E2E_URL="http://127.0.0.1:$PORT/?folder=$WORK/ws" E2E_WS="$WORK/ws" E2E_FILE="2020.txt" E2E_SEED="$SEED" \
E2E_ANCHOR_LINE="$ANCHOR_LINE" E2E_CHROMIUM="$CHROMIUM" E2E_PROFILE="$WORK/chrome" E2E_SHOTS="$SHOTS" E2E_FAIL_SHOT="$ROOT/target/vscode-e2e-failure.png" NIANBAO_BIN="$BIN" \
  timeout 300 node "$HERE/e2e.js" || rc=$?
if ((rc != 0)); then
  echo "--- code-server log (tail):" >&2; tail -n 20 "$WORK/code-server.log" >&2
  for f in "$WORK"/udd/logs/*/exthost*/output_logging_*/*nianbao*; do
    [[ -f "$f" ]] && { echo "--- $f" >&2; tail -n 30 "$f" >&2; }
  done
  echo "FAIL: vscode e2e (exit $rc)" >&2
  exit 1
fi

# --- 4. Restricted Mode: workspace trust on, folder untrusted ---------------------------
kill "$CS_PID" 2>/dev/null || true; wait "$CS_PID" 2>/dev/null || true; CS_PID=""
mkdir -p "$WORK"/{udd2/User,ws2,chrome2} "$WORK/home/.cargo/bin"
install -m 644 "$SEED" "$WORK/ws2/2020.txt"
# The extension host gets its PATH from a login shell, so offer the server where
# `cargo install` puts it: ~/.cargo/bin, the last place the extension looks.
ln -s "$BIN" "$WORK/home/.cargo/bin/nianbao"
python3 - "$WORK/udd/User/settings.json" "$WORK/udd2/User/settings.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
s.update({
    "nianbao.server.path": "/nonexistent/nianbao",
    "security.workspace.trust.enabled": True,
    "security.workspace.trust.startupPrompt": "never",
    "security.workspace.trust.banner": "never",
    "security.workspace.trust.untrustedFiles": "open",
})
json.dump(s, open(sys.argv[2], "w"), indent=2)
PY
env HOME="$WORK/home" PATH="$(dirname "$(command -v node)"):/usr/local/bin:/usr/bin:/bin" \
"$CS" --auth none --bind-addr "127.0.0.1:$PORT" --user-data-dir "$WORK/udd2" --extensions-dir "$WORK/ext" \
  --disable-telemetry --disable-update-check --disable-getting-started-override \
  --locale en "$WORK/ws2" >"$WORK/code-server2.log" 2>&1 &
CS_PID=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
rc=0
E2E_URL="http://127.0.0.1:$PORT/?folder=$WORK/ws2" E2E_CHROMIUM="$CHROMIUM" E2E_PROFILE="$WORK/chrome2" E2E_SHOTS="$SHOTS" \
E2E_FAIL_SHOT="$ROOT/target/vscode-e2e-restricted-failure.png" timeout 180 node "$HERE/restricted.js" || rc=$?
if ((rc != 0)); then
  echo "--- code-server log (tail):" >&2; tail -n 20 "$WORK/code-server2.log" >&2
  for f in "$WORK"/udd2/logs/*/exthost*/output_logging_*/*nianbao*; do
    [[ -f "$f" ]] && { echo "--- $f" >&2; tail -n 30 "$f" >&2; }
  done
  echo "FAIL: vscode e2e, Restricted Mode (exit $rc)" >&2
  exit 1
fi
# --- 5. the VSIX with the server inside ------------------------------------------------------
kill "$CS_PID" 2>/dev/null || true; wait "$CS_PID" 2>/dev/null || true; CS_PID=""
RELEASE="$ROOT/target/release/nianbao"
BUNDLE_BIN="$BIN"
[[ -x "$RELEASE" ]] && BUNDLE_BIN="$RELEASE"
echo "-- npm run package:bundled (server: $BUNDLE_BIN)"
(cd "$ROOT/editors/vscode" && rm -rf server nianbao-linux-x64.vsix \
  && NIANBAO_BIN="$BUNDLE_BIN" npm run package:bundled --silent >"$WORK/package-bundled.log" 2>&1) \
  || { cat "$WORK/package-bundled.log" >&2; echo "FAIL: npm run package:bundled" >&2; exit 1; }
BVSIX="$ROOT/editors/vscode/nianbao-linux-x64.vsix"
rm -rf "$ROOT/editors/vscode/server"
python3 - "$BVSIX" "$BUNDLE_BIN" <<'PY'
import hashlib, json, os, sys, zipfile
path, binary = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(path)
names = z.namelist()
print(f"bundled vsix: {os.path.getsize(path) / 1e6:.1f} MB, {len(names)} files")
problems = []
if "extension/server/nianbao" not in names:
    problems.append("missing extension/server/nianbao")
else:
    info = z.getinfo("extension/server/nianbao")
    if not (info.external_attr >> 16) & 0o111:
        problems.append("extension/server/nianbao is not executable")
    if hashlib.sha256(z.read(info)).digest() != hashlib.sha256(open(binary, "rb").read()).digest():
        problems.append("extension/server/nianbao is not the binary given")
manifest = z.read("extension.vsixmanifest").decode()
if 'TargetPlatform="linux-x64"' not in manifest:
    problems.append("the VSIX is not marked linux-x64")
for n in names:
    if "node_modules/" in n or n.endswith(".ts") or n.endswith(".map"):
        problems.append("should not ship " + n)
if problems:
    sys.exit("FAIL: " + "; ".join(problems))
PY
mkdir -p "$WORK"/{udd3/User,ext3,ws3,chrome3,home3}
install -m 644 "$SEED" "$WORK/ws3/2020.txt"
python3 - "$WORK/udd/User/settings.json" "$WORK/udd3/User/settings.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
del s["nianbao.server.path"]
json.dump(s, open(sys.argv[2], "w"), indent=2)
PY
"$CS" --user-data-dir "$WORK/udd3" --extensions-dir "$WORK/ext3" --install-extension "$BVSIX" 2>&1 | tail -n 2
# no nianbao anywhere but inside the extension: an empty HOME, a PATH of system directories
env HOME="$WORK/home3" PATH="$(dirname "$(command -v node)"):/usr/local/bin:/usr/bin:/bin" \
"$CS" --auth none --bind-addr "127.0.0.1:$PORT" --user-data-dir "$WORK/udd3" --extensions-dir "$WORK/ext3" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --locale en "$WORK/ws3" >"$WORK/code-server3.log" 2>&1 &
CS_PID=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
rc=0
E2E_RESTRICTED=0 E2E_URL="http://127.0.0.1:$PORT/?folder=$WORK/ws3" E2E_CHROMIUM="$CHROMIUM" E2E_PROFILE="$WORK/chrome3" \
E2E_SHOTS="$SHOTS" E2E_FAIL_SHOT="$ROOT/target/vscode-e2e-bundled-failure.png" timeout 180 node "$HERE/restricted.js" || rc=$?
if ((rc == 0)); then
  # the server that checked it is the one inside the installed extension
  if ps -eo args= | grep -F "$WORK/ext3/" | grep -q "/server/nianbao"; then
    echo "the language server running: $(ps -eo args= | grep -F "$WORK/ext3/" | grep "/server/nianbao" | head -n1)"
  else
    echo "FAIL: no server from $WORK/ext3/*/server/nianbao is running" >&2; rc=1
  fi
fi
if ((rc != 0)); then
  echo "--- code-server log (tail):" >&2; tail -n 20 "$WORK/code-server3.log" >&2
  for f in "$WORK"/udd3/logs/*/exthost*/output_logging_*/*nianbao*; do
    [[ -f "$f" ]] && { echo "--- $f" >&2; tail -n 30 "$f" >&2; }
  done
  echo "FAIL: vscode e2e, the VSIX with the server inside (exit $rc)" >&2
  exit 1
fi
echo "PASS: vscode e2e ($((SECONDS - t0)) s)"
