#!/usr/bin/env bash
# Runs every test of the repository: the .NET suites (MSTest, through the solution file) and the web
# resource suites (lint, unit, browser). The last line is the total: "tests: N passed, M failed".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
passed=0; failed=0; status=0

# Web resources first: their build (dist/) is packed by the .NET solution tests. Their browser tests drive
# Debian's Chromium, installed here when missing (never a browser download by a test tool).
if [[ -f WebResources/package.json ]]; then
  if ! command -v chromium >/dev/null 2>&1; then
    sudo_=""; [[ $(id -u) -ne 0 ]] && sudo_="sudo"
    echo "test.sh: installing Debian's chromium for the browser tests"
    $sudo_ apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq chromium >/dev/null \
      || echo "test.sh: could not install chromium; the browser tests will fail" >&2
  fi
  summary=WebResources/out/test-summary.json
  rm -f "$summary"
  if ! (cd WebResources && npm ci --no-audit --no-fund --loglevel=error && npm test); then
    status=1
  fi
  if [[ -f $summary ]]; then
    p=$(node -e 'const s=require(process.argv[1]);process.stdout.write(String(s.passed))' "$PWD/$summary")
    f_=$(node -e 'const s=require(process.argv[1]);process.stdout.write(String(s.failed))' "$PWD/$summary")
    passed=$((passed + p)); failed=$((failed + f_))
  else
    echo "test.sh: the web resource suites wrote no summary" >&2
    failed=$((failed + 1))
  fi
fi

results=TestResults
rm -rf "$results"
if ! dotnet test AccountPlanXrm.sln -c Release --nologo --logger trx --results-directory "$results"; then
  status=1
fi
shopt -s nullglob
trx=("$results"/*.trx)
for f in "${trx[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f_=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f_:-0}))
done
if ((status != 0 && ${#trx[@]} == 0)); then
  echo "test.sh: the .NET suites did not run (build failure above)" >&2
  failed=$((failed + 1))
fi

if ((failed > 0)); then status=1; fi
echo "tests: $passed passed, $failed failed"
exit $status
