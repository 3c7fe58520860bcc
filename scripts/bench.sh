#!/usr/bin/env bash
# SessionMcp side by side with Microsoft's Playwright MCP: builds SessionMcp in Release, installs the pinned
# @playwright/mcp (bench/playwright-mcp), runs both on the same Chromium, prints tables and writes
# bench-results/latest.json. Optional argument: runs per figure (default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
# Node.js runs Playwright MCP.
scripts/setup.sh --node
npm ci --prefix bench/playwright-mcp --no-audit --no-fund --loglevel=error >&2
dotnet build -c Release --no-restore -nologo -v quiet src/SessionMcp.Server
dotnet build -c Release --no-restore -nologo -v quiet bench/SessionMcp.Benchmarks
chromium_path="$(command -v chromium || command -v chromium-browser || command -v google-chrome)"
dotnet bench/SessionMcp.Benchmarks/bin/Release/net10.0/SessionMcp.Benchmarks.dll \
  --server src/SessionMcp.Server/bin/Release/net10.0/SessionMcp.Server.dll \
  --playwright-mcp bench/playwright-mcp/node_modules/@playwright/mcp/cli.js \
  --chromium "$chromium_path" \
  --runs "${1:-10}"
