#!/usr/bin/env bash
# Builds the server the way it is started from source: published for this machine's runtime with ReadyToRun code
# into out/server (measured: ~0.2 s less from start to tools/list, ~0.1 s less to the first page than a plain
# build). Prints nothing on stdout, which may be an MCP client's.
set -euo pipefail
cd "$(dirname "$0")/.."
rid="$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')"
if [ -n "$rid" ]; then
  dotnet publish src/SessionMcp.Server -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
    -o out/server -v quiet -nologo >&2
else
  # An SDK that does not name its runtime: a plain build, which runs everywhere.
  dotnet publish src/SessionMcp.Server -c Release -o out/server -v quiet -nologo >&2
fi
