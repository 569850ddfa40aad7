#!/usr/bin/env bash
# Runs the whole test suite, installing what it needs first (idempotent); the last line it prints is
#   tests: N passed, N failed
# counted from the test runner's own result files.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
SWEEPGRID_PROVISION_REDIS=1 SWEEPGRID_PROVISION_TORCH=1 SWEEPGRID_PROVISION_CHROMIUM=1 bash scripts/provision.sh || { echo "tests: 0 passed, 1 failed"; exit 1; }

results=$(mktemp -d)
echo "[test] dotnet build SweepGrid.sln -c Release"
if ! dotnet build SweepGrid.sln -c Release -nologo -v quiet -clp:ErrorsOnly; then
  echo "[test] the build failed"
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

# One project at a time, each into its own folder: result files are named by timestamp and could collide.
status=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "[test] $name"
  dotnet test "$project" -c Release --no-build -nologo --logger trx --results-directory "$results/$name" "$@" || status=$?
done

passed=0; failed=0; files=0
for trx in "$results"/*/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "[test] dotnet test exited with $status without a failed test: a build or test-host failure (see above)"
  failed=1
fi
if [ "$files" -eq 0 ]; then echo "[test] no test results were written"; fi
echo "tests: $passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
