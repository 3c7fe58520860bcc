#!/usr/bin/env bash
# Sets up (Chromium, packages), checks formatting, builds and runs every test: unit, real-Chromium
# integration and end-to-end over stdio, and the example.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dotnet build SessionMcp.sln -c Release --no-restore -nologo -v quiet
dotnet format SessionMcp.sln --verify-no-changes --no-restore
status=0
# One test module at a time: each drives real Chromium, and two at once on a 2-core machine only slow both.
dotnet test --solution SessionMcp.sln -c Release --no-build --max-parallel-test-modules 1 2>&1 | tee .test-output.log || status=$?
# One plain summary line for CI readers: "N passed, N failed".
passed=$(grep -E '^\s+succeeded: [0-9]+' .test-output.log | awk '{s+=$2} END {print s+0}')
failed=$(grep -E '^\s+failed: [0-9]+' .test-output.log | awk '{s+=$2} END {print s+0}')
rm -f .test-output.log
echo "${passed} passed, ${failed} failed"
exit $status
