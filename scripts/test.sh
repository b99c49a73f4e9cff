#!/usr/bin/env bash
# Runs every test: type check, layout tests (Node), element tests (Chromium), Python tests (real
# torch), and the end-to-end test (Python traces and serves a model; Chromium shows it live).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test || exit 1
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
failed=()
step() {
  local name=$1; shift
  printf '\n\033[1m== %s ==\033[0m\n' "$name"
  "$@" || failed+=("$name")
}
step "typecheck" npx tsc -p tsconfig.json --noEmit
step "custom-elements.json is current" node scripts/custom-elements.mjs --check
step "layout (node)" node --test --test-reporter=spec test/layout/
step "element (chromium)" npx web-test-runner
step "bridge-py (pytest)" .venv/bin/python -m pytest -q bridge-py/tests
step "end to end (python + chromium)" node --test --test-reporter=spec test/e2e/
echo
if (( ${#failed[@]} )); then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "all test suites passed"
