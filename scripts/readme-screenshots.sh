#!/usr/bin/env bash
# Retakes the README's pictures (docs/images): the tests that drive the live view and the dashboard in a real
# browser save what they see when SESSIONMCP_README_SCREENSHOTS is set.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release -nologo -v quiet tests/SessionMcp.Server.Tests
SESSIONMCP_README_SCREENSHOTS="$PWD/docs/images" dotnet test -c Release --no-build --project tests/SessionMcp.Server.Tests -- \
  --filter-class "*DashboardPageTests" --filter-class "*WaitForHumanTests"
