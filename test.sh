#!/usr/bin/env bash
# Runs every test of the repository: the .NET suites (MSTest, through the solution file) and the web
# resource suites (lint, unit, browser). The last line is the total: "tests: N passed, M failed".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
status=0

# Web resources first: their build (dist/) is packed by the .NET solution tests. Their browser tests drive
# Debian's Chromium, installed here when missing (never a browser download by a test tool).
if [[ -f WebResources/package.json ]]; then
  if ! command -v chromium >/dev/null 2>&1; then
    sudo_=""; [[ $(id -u) -ne 0 ]] && sudo_="sudo"
    echo "test.sh: installing Debian's chromium for the browser tests"
    $sudo_ apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq chromium >/dev/null \
      || echo "test.sh: could not install chromium; the browser tests will fail" >&2
  fi
  rm -f WebResources/out/test-summary.json
  if ! (cd WebResources && npm ci --no-audit --no-fund --loglevel=error && npm test); then
    status=1
  fi
fi

results=TestResults
rm -rf "$results"
if ! dotnet test AccountPlanXrm.sln -c Release --nologo --logger trx --results-directory "$results"; then
  status=1
fi
shopt -s nullglob
trx=("$results"/*.trx)
if ((status != 0 && ${#trx[@]} == 0)); then
  echo "test.sh: the .NET suites did not run (build failure above)" >&2
  status=1
fi

# Totals of all suites; a skipped test fails the run unless Tests/allowed-skips.txt lists it with its reason.
mkdir -p "$results"
node Tests/summary.mjs "$results" WebResources/out/test-summary.json > "$results/summary.txt" || status=1
head -n -1 "$results/summary.txt"
last=$(tail -n 1 "$results/summary.txt")
p=$(sed -n 's/^tests: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' <<<"$last")
f_=$(sed -n 's/^tests: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' <<<"$last")
p=${p:-0}; f_=${f_:-1}
# A run that failed outside any counted test (build error, crashed host) still shows as a failure.
if ((status != 0 && f_ == 0)); then f_=1; fi
if ((f_ > 0)); then status=1; fi
echo "tests: $p passed, $f_ failed"
exit $status
