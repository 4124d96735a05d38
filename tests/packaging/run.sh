#!/usr/bin/env bash
# Packaging tier: the artefacts a user installs without Rust, built and tried as a user would.
#   1. the Python wheel (maturin, `bindings = "bin"`: the `nianbao` binary inside) built from
#      pyproject.toml into target/wheels/, installed into a fresh venv (no index, no network), and
#      `nianbao` run from that venv's PATH on a real report
#   2. the release binary's size (debug info and symbols stripped: [profile.release])
# The VS Code extension with the server inside (nianbao-linux-x64.vsix) is built and driven in
# code-server by tests/editors/vscode/run.sh, from the same release binary.
# Needs: maturin ($NIANBAO_MATURIN, else the venv tests/install-tools.sh makes), python3 with venv.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CACHE="${NIANBAO_CI_CACHE:-$HOME/.cache/nianbao-ci}"
MATURIN="${NIANBAO_MATURIN:-$CACHE/venv-maturin/bin/maturin}"
[[ -x "$MATURIN" ]] || { echo "FAIL: maturin not found at $MATURIN (tests/install-tools.sh installs it)" >&2; exit 1; }
SEED="$ROOT/tests/corpus/001_7e69af88cfc75a8c.txt"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-packaging.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
t0=$SECONDS

# --- 1. the wheel --------------------------------------------------------------------------
OUT="$ROOT/target/wheels"
rm -rf "$OUT"
echo "-- maturin build --release (pyproject.toml, bindings = \"bin\")"
(cd "$ROOT" && "$MATURIN" build --release --out "$OUT" 2>&1 | tail -n 5)
echo "wheel built in $((SECONDS - t0)) s"
shopt -s nullglob
wheels=("$OUT"/nianbao-*.whl)
((${#wheels[@]} == 1)) || { echo "FAIL: expected one wheel in $OUT, found: ${wheels[*]:-none}" >&2; exit 1; }
WHEEL="${wheels[0]}"
python3 - "$WHEEL" "$ROOT/target/release/nianbao" <<'PY'
import hashlib, os, sys, zipfile
path, release = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(path)
names = z.namelist()
scripts = [n for n in names if n.endswith(".data/scripts/nianbao")]
print(f"wheel: {os.path.basename(path)}, {os.path.getsize(path) / 1e6:.1f} MB, {len(names)} files")
if len(scripts) != 1:
    sys.exit(f"FAIL: no nianbao binary under *.data/scripts/ in the wheel: {names}")
info = z.getinfo(scripts[0])
if not (info.external_attr >> 16) & 0o111:
    sys.exit("FAIL: the binary in the wheel is not executable")
if not any(n.endswith(".dist-info/METADATA") for n in names):
    sys.exit("FAIL: no METADATA")
meta = z.read([n for n in names if n.endswith(".dist-info/METADATA")][0]).decode()
if "Name: nianbao" not in meta:
    sys.exit("FAIL: METADATA does not name the package nianbao")
binary = z.read(scripts[0])
if binary[:4] != b"\x7fELF":
    sys.exit("FAIL: the script in the wheel is not an ELF binary")
if os.path.exists(release):
    same = hashlib.sha256(binary).digest() == hashlib.sha256(open(release, "rb").read()).digest()
    print(f"binary in the wheel: {len(binary) / 1e6:.1f} MB ({'the same as' if same else 'built like'} target/release/nianbao)")
PY

echo "-- pip install into a fresh venv, then nianbao from its PATH"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install -q --no-index --no-deps "$WHEEL"
found="$(env PATH="$WORK/venv/bin:/usr/bin:/bin" bash -c 'command -v nianbao')"
[[ "$found" == "$WORK/venv/bin/nianbao" ]] || { echo "FAIL: nianbao on PATH is '$found', not the venv's" >&2; exit 1; }
env PATH="$WORK/venv/bin:/usr/bin:/bin" nianbao --version
rc=0
env PATH="$WORK/venv/bin:/usr/bin:/bin" LANG=zh_CN.UTF-8 LC_ALL= nianbao check "$SEED" >"$WORK/check.out" || rc=$?
tail -n 1 "$WORK/check.out"
((rc == 1)) || { echo "FAIL: nianbao check on the seed exited $rc, expected 1 (errors found)" >&2; exit 1; }
grep -q '错误\[NB304\]' "$WORK/check.out" || { echo "FAIL: NB304 not reported by the installed nianbao" >&2; exit 1; }
tail -n 1 "$WORK/check.out" | grep -q '^已检查 1 个文件：1 个错误' || { echo "FAIL: unexpected summary line" >&2; exit 1; }
"$WORK/venv/bin/python" -m pip uninstall -q -y nianbao
[[ ! -e "$WORK/venv/bin/nianbao" ]] || { echo "FAIL: pip uninstall left bin/nianbao" >&2; exit 1; }
echo "wheel: installed, ran, uninstalled"

# --- 2. the release binary --------------------------------------------------------------------
BIN="$ROOT/target/release/nianbao"
[[ -x "$BIN" ]] || { echo "FAIL: maturin did not leave target/release/nianbao" >&2; exit 1; }
size=$(stat -c %s "$BIN")
echo "release binary: $((size / 1024 / 1024)) MiB ($size bytes)"
if command -v readelf >/dev/null; then
  if readelf -S --wide "$BIN" | grep -Eq '\.(debug_info|symtab) '; then
    echo "FAIL: the release binary carries debug info or a symbol table ([profile.release] debug/strip)" >&2
    exit 1
  fi
  echo "release binary: no .debug_info, no .symtab"
fi
((size < 30 * 1024 * 1024)) || { echo "FAIL: the release binary is $size bytes (> 30 MiB)" >&2; exit 1; }
echo "PASS: packaging ($((SECONDS - t0)) s)"
