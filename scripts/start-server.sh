#!/usr/bin/env bash
# Sets up (Chromium, packages), builds and starts SessionMcp over stdio. Arguments go to the server,
# e.g. --SessionMcp:MaxSessions=20. stdout is the MCP protocol; logs go to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dotnet build src/SessionMcp.Server -c Release --no-restore -v quiet -nologo >&2
exec dotnet src/SessionMcp.Server/bin/Release/net10.0/SessionMcp.Server.dll "$@"
