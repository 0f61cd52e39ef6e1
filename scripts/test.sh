#!/usr/bin/env bash
# Runs every test of Tether: installs what is missing, builds everything, runs the C# suites and the
# web suites (Node and headless Chromium), and ends with one line "N passed, N failed, N skipped".
# Exit status is non-zero when anything failed, when a step could not run, or when no test ran.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
logs="$root/.artifacts/test-logs"
rm -rf "$logs" && mkdir -p "$logs"

passed=0 failed=0 skipped=0 broken=()
step() { printf '\n== %s\n' "$*"; }
add() { passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3)); }

step "setup"
scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

# The phone web client first: tether's build ships web/dist beside tether.dll (src/Tether.Cli).
step "build (web app bundle)"
npm --prefix web run --silent build:app 2>&1 | tee "$logs/web-app-build.log" | tail -n 30
[[ ${PIPESTATUS[0]} -eq 0 ]] || broken+=("web app build")

step "build (.NET, warnings are errors)"
dotnet build Tether.sln --nologo --verbosity quiet 2>&1 | tee "$logs/dotnet-build.log" | tail -n 30
[[ ${PIPESTATUS[0]} -eq 0 ]] || broken+=("dotnet build")

step "build (web, tsc strict)"
npm --prefix web run --silent build 2>&1 | tee "$logs/web-build.log" | tail -n 30
[[ ${PIPESTATUS[0]} -eq 0 ]] || broken+=("web build")

# dotnet test writes one TRX file per test assembly; its <Counters> element has the totals.
count_dotnet() {
  local dir=$1 p f s
  read -r p f s < <(cat "$dir"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "=\""); v = kv[2]; sub(/".*/, "", v);
        if (kv[1] == "total") t += v; if (kv[1] == "executed") e += v;
        if (kv[1] == "passed") p += v; if (kv[1] == "failed") f += v } }
    END { print p+0, f+0, t-e }')
  add "$p" "$f" "$s"
  echo "(counted: $p passed, $f failed, $s skipped)"
}
# node --test with the spec reporter ends with "ℹ pass N", "ℹ fail N", "ℹ skipped N".
count_node() {
  local log=$1 p f s
  p=$(grep -aE '^ℹ pass [0-9]+' "$log" | tail -n1 | grep -oE '[0-9]+' || echo 0)
  f=$(grep -aE '^ℹ fail [0-9]+' "$log" | tail -n1 | grep -oE '[0-9]+' || echo 0)
  s=$(grep -aE '^ℹ skipped [0-9]+' "$log" | tail -n1 | grep -oE '[0-9]+' || echo 0)
  add "${p:-0}" "${f:-0}" "${s:-0}"
  echo "(counted: ${p:-0} passed, ${f:-0} failed, ${s:-0} skipped)"
}

if ((${#broken[@]} == 0)); then
  step "C# tests"
  dotnet test Tether.sln --no-build --nologo --logger trx --logger "console;verbosity=normal" --results-directory "$logs/trx" 2>&1 \
    | tee "$logs/dotnet-test.log" | grep -E 'noise vectors|wycheproof|^\s+Failed |\[FAIL\]|Total tests|Passed:|Failed:|Skipped:'
  rc=${PIPESTATUS[0]}
  count_dotnet "$logs/trx"
  [[ $rc -eq 0 ]] || broken+=("dotnet test (exit $rc)")

  step "benchmark harness (quick smoke run; figures not for quoting)"
  dotnet run --no-build --project bench/Tether.Bench -- --quick > "$logs/bench-quick.log" 2>&1 \
    && tail -n 4 "$logs/bench-quick.log" || broken+=("benchmark smoke run")

  step "approval round-trip benchmark with the real claude (quick smoke run; figures not for quoting)"
  dotnet run -c Release --project bench/Tether.ApprovalBench -- --quick > "$logs/approval-bench-quick.log" 2>&1 \
    && tail -n 5 "$logs/approval-bench-quick.log" || broken+=("approval benchmark smoke run")

  step "relay load benchmark (quick smoke run; figures not for quoting)"
  bench/relay-bench.sh --quick > "$logs/relay-bench-quick.log" 2>&1 \
    && tail -n 12 "$logs/relay-bench-quick.log" || broken+=("relay benchmark smoke run")

  step "web Noise vectors (Node)"
  (cd web && node build/test/vectors-cli.js) || broken+=("web Noise vectors, Node")

  step "web tests (Node)"
  (cd web && node --test --test-reporter=spec $(find build/test -name '*.test.js' | sort)) > "$logs/web-node.log" 2>&1
  rc=$?
  grep -aE 'noise vectors|protocol known answers|^ℹ|✖' "$logs/web-node.log" | head -n 100
  count_node "$logs/web-node.log"
  [[ $rc -eq 0 ]] || broken+=("web tests, Node (exit $rc)")

  step "web tests (headless Chromium)"
  (cd web && node --test --test-reporter=spec $(find build/test-browser -name '*.test.js' | sort)) > "$logs/web-chromium.log" 2>&1
  rc=$?
  grep -aE 'noise vectors|protocol known answers|^ℹ|✖' "$logs/web-chromium.log" | head -n 100
  count_node "$logs/web-chromium.log"
  [[ $rc -eq 0 ]] || broken+=("web tests, Chromium (exit $rc)")
fi

step "summary"
for b in "${broken[@]}"; do echo "FAILED STEP: $b (logs in .artifacts/test-logs/)"; done
# A step that failed without a counted failing test still fails the run.
if ((${#broken[@]} > 0 && failed == 0)); then failed=${#broken[@]}; fi
if ((passed == 0 && failed == 0)); then echo "no test ran"; failed=1; fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
((failed == 0))
