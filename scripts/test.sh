#!/usr/bin/env bash
# Sets up (Chromium, Node.js, packages), checks formatting, builds and runs every test: unit, real-Chromium
# integration and end-to-end over stdio and HTTP, the example, and the interop suite (tests/interop: the
# TypeScript SDKs v1 and v2, Inspector --strict, LangChain, the Vercel AI SDK and OpenAI Agents as clients).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
npm ci --prefix tests/interop --no-audit --no-fund --loglevel=error
dotnet build SessionMcp.sln -c Release --no-restore -nologo -v quiet
# The server as scripts/start-server.sh builds and starts it (ReadyToRun, out/server): the interop suite drives that one.
scripts/build-server.sh
dotnet format SessionMcp.sln --verify-no-changes --no-restore
status=0
# One test module at a time: each drives real Chromium, and two at once on a 2-core machine only slow both.
dotnet test --solution SessionMcp.sln -c Release --no-build --max-parallel-test-modules 1 2>&1 | tee .test-output.log || status=$?
# The started-from-source server through other MCP clients, each test starting its own server.
SESSIONMCP_SERVER_DLL="$PWD/out/server/SessionMcp.Server.dll" npm test --prefix tests/interop 2>&1 | tee .interop-output.log || status=$?
# One plain summary line for CI readers: "N passed, N failed".
passed=$(grep -E '^\s+succeeded: [0-9]+' .test-output.log | awk '{s+=$2} END {print s+0}')
failed=$(grep -E '^\s+failed: [0-9]+' .test-output.log | awk '{s+=$2} END {print s+0}')
interop_passed=$(grep -E '^# pass [0-9]+' .interop-output.log | awk '{s+=$3} END {print s+0}')
interop_failed=$(grep -E '^# fail [0-9]+' .interop-output.log | awk '{s+=$3} END {print s+0}')
rm -f .test-output.log .interop-output.log
echo "${passed} passed, ${failed} failed (.NET); ${interop_passed} passed, ${interop_failed} failed (interop)"
exit $status
