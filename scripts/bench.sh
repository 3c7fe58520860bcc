#!/usr/bin/env bash
# SessionMcp side by side with Microsoft's Playwright MCP: builds SessionMcp as scripts/start-server.sh does,
# installs the pinned @playwright/mcp (bench/playwright-mcp) and Python's documentation, runs both on the same
# Chromium (its headless shell where installed), prints tables and writes bench-results/latest.json. Optional
# argument: runs per figure (default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
# Node.js runs Playwright MCP; Python's HTML documentation (python3-doc) gives the real pages; PostgreSQL and nginx
# carry the cluster routing figure.
scripts/setup.sh --tests
if [ ! -d /usr/share/doc/python3/html ] && command -v apt-get >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-doc >&2 \
    || { $SUDO apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-doc >&2; }
fi
npm ci --prefix bench/playwright-mcp --no-audit --no-fund --loglevel=error >&2
scripts/build-server.sh
dotnet build -c Release --no-restore -nologo -v quiet bench/SessionMcp.Benchmarks
# The same browser for all: what SessionMcp runs headless sessions in here, Chromium's headless shell where installed.
chromium_path="$(command -v chromium-headless-shell || command -v chromium || command -v chromium-browser || command -v google-chrome)"
dotnet bench/SessionMcp.Benchmarks/bin/Release/net10.0/SessionMcp.Benchmarks.dll \
  --server out/server/SessionMcp.Server.dll \
  --playwright-mcp bench/playwright-mcp/node_modules/@playwright/mcp/cli.js \
  --chromium "$chromium_path" \
  --runs "${1:-10}"
