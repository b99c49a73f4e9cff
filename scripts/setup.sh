#!/usr/bin/env bash
# Installs everything vz-graph needs on a fresh machine that has only Node and Python, then builds.
#   scripts/setup.sh          Node packages, a Python venv (.venv) with torch + transformers + vz-pytorch, the build
#   scripts/setup.sh --test   also Chromium (the browser tests and the end-to-end test drive it)
# Every step is skipped when already done, so running it again is quick.
set -euo pipefail
cd "$(dirname "$0")/.."
want_browser=0
[[ "${1:-}" == "--test" ]] && want_browser=1
log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# Node packages: reinstall when package-lock.json changed since the last install. Never through a
# node_modules that is a symbolic link (a worktree sharing another checkout's packages): npm ci
# empties the folder it points to, under every checkout that shares it. (.venv likewise, below.)
if [[ -L node_modules ]]; then
  if [[ package-lock.json -nt node_modules/.package-lock.json ]] && ! cmp -s package-lock.json "$(readlink -f node_modules)/../package-lock.json"; then
    log "node_modules links to $(readlink node_modules), installed from another package-lock.json: not reinstalling it here"
  fi
elif [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Python: a venv of our own, so nothing is installed into the system Python.
PY=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  log "python venv (.venv)"
  if ! "$PY" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    log "python3-venv is missing: installing it with apt-get"
    $(command -v sudo || true) apt-get install -y -qq python3-venv >/dev/null
    "$PY" -m venv .venv
  fi
fi
# pip retries an index it cannot reach many times over; a failing mirror should fail fast.
export PIP_RETRIES=${PIP_RETRIES:-0} PIP_DISABLE_PIP_VERSION_CHECK=1
stamp=.venv/.vz-installed
# A .venv that is a link is another checkout's: installing vz-pytorch (editable) into it would point
# that checkout's package at this one, so it is left as it is.
if [[ ! -L .venv ]] && [[ ! -f $stamp || bridge-py/pyproject.toml -nt $stamp || scripts/setup.sh -nt $stamp ]]; then
  log "pip install torch transformers torchvision pytest + vz-pytorch (editable)"
  .venv/bin/pip install -q torch torchvision transformers pytest
  .venv/bin/pip install -q -e bridge-py
  touch $stamp
fi

# Chromium, for the browser tests (npm tools cannot download browsers on every machine).
if (( want_browser )); then
  CHROME=${CHROME_PATH:-/usr/bin/chromium}
  if [[ ! -x $CHROME ]]; then
    log "apt-get install chromium"
    SUDO=$(command -v sudo || true)
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  fi
fi

log "build (wasm, bundle, types)"
npm run --silent build
