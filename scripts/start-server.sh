#!/usr/bin/env bash
# Sets up (Chromium, packages), builds and starts SessionMcp over stdio. Arguments go to the server,
# e.g. --SessionMcp:MaxSessions=20. stdout is the MCP protocol; logs go to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build-server.sh
exec dotnet out/server/SessionMcp.Server.dll "$@"
