#!/usr/bin/env bash
# Builds SessionMcp in Release and runs the benchmark: prints a table, writes bench-results/latest.json.
# Optional argument: runs per figure (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dotnet build -c Release --no-restore -nologo -v quiet src/SessionMcp.Server
dotnet build -c Release --no-restore -nologo -v quiet bench/SessionMcp.Benchmarks
dotnet bench/SessionMcp.Benchmarks/bin/Release/net10.0/SessionMcp.Benchmarks.dll src/SessionMcp.Server/bin/Release/net10.0/SessionMcp.Server.dll "${1:-20}"
