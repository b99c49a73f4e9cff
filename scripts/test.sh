#!/usr/bin/env bash
# Runs every test: type check, layout tests (Node), element tests (Chromium), Python tests (real
# torch), and the end-to-end test (Python traces and serves a model; Chromium shows it live).
# Ends with one line counting every test of every suite: "total: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test || exit 1
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
failed=() passed_total=0 failed_total=0

# count LOG: adds the suite's own passed/failed counts (node:test, web-test-runner, pytest) to the totals.
count() {
  local log=$1 p=0 f=0
  if grep -q '^ℹ pass ' "$log"; then
    p=$(grep -o '^ℹ pass [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
    f=$(grep -o '^ℹ fail [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
  elif grep -qE 'test files? \| [0-9]+ passed, [0-9]+ failed' "$log"; then
    local line; line=$(grep -oE '[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
    p=${line%% passed*}; f=${line#*, }; f=${f%% failed*}
  elif grep -qE '[0-9]+ (passed|failed).* in [0-9.]+s' "$log"; then
    local line; line=$(grep -E '[0-9]+ (passed|failed).* in [0-9.]+s' "$log" | tail -1)
    p=$(grep -oE '[0-9]+ passed' <<<"$line" | grep -o '^[0-9]*' || echo 0)
    local n; f=0
    for n in $(grep -oE '[0-9]+ (failed|errors?)' <<<"$line" | grep -o '^[0-9]*'); do f=$((f + n)); done
  fi
  passed_total=$((passed_total + ${p:-0})); failed_total=$((failed_total + ${f:-0}))
}

step() {
  local name=$1; shift
  local log="$logs/$(echo "$name" | tr -c 'a-z0-9' _).log"
  printf '\n\033[1m== %s ==\033[0m\n' "$name"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  count "$log"
  (( rc == 0 )) || failed+=("$name")
}
step "typecheck" npx tsc -p tsconfig.json --noEmit
step "custom-elements.json is current" node scripts/custom-elements.mjs --check
step "layout (node)" node --test --test-reporter=spec test/layout/
step "element (chromium)" npx web-test-runner
step "bridge-py (pytest)" .venv/bin/python -m pytest -q bridge-py/tests
step "end to end (python + chromium)" node --test --test-reporter=spec test/e2e/
echo
if (( ${#failed[@]} )); then
  echo "FAILED suites: ${failed[*]}"
  (( failed_total > 0 )) || failed_total=${#failed[@]}
fi
echo "total: ${passed_total} passed, ${failed_total} failed"
(( ${#failed[@]} == 0 ))
