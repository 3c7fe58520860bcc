#!/usr/bin/env bash
# Installs what SessionMcp needs on a fresh Debian/Ubuntu machine: a Chromium (when none is found), the .NET
# packages and, with --node or --tests, what the tests and the benchmark need. Safe to run again: it skips what is
# already there.
set -euo pipefail
cd "$(dirname "$0")/.."

find_chromium() {
  for candidate in "${SessionMcp__BrowserExecutablePath:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /opt/google/chrome/chrome; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

if ! find_chromium >/dev/null; then
  if command -v apt-get >/dev/null; then
    echo "setup: installing Chromium from the distribution's packages" >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
  else
    echo "setup: no Chromium found and no apt-get to install one; install Chromium or Chrome, or set SessionMcp__BrowserExecutablePath" >&2
    exit 1
  fi
fi
# Headless sessions run in Chromium's headless shell where there is one: a third of the full browser's start.
# Optional: where the distribution has no such package, they run in the full browser.
if [ -z "${SessionMcp__BrowserExecutablePath:-}" ] && [ ! -x /usr/bin/chromium-headless-shell ] && command -v apt-get >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  apt-cache show chromium-headless-shell >/dev/null 2>&1 || $SUDO apt-get update -qq >&2 || true
  if apt-cache show chromium-headless-shell >/dev/null 2>&1; then
    echo "setup: installing Chromium's headless shell from the distribution's packages" >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium-headless-shell >&2 \
      || echo "setup: chromium-headless-shell did not install; headless sessions will use the full Chromium" >&2
  fi
fi
echo "setup: browser $(find_chromium)$([ -x /usr/bin/chromium-headless-shell ] && echo ", headless shell /usr/bin/chromium-headless-shell")" >&2

# --node: Node.js and npm (interop tests, benchmark). --tests: those, PostgreSQL and nginx (the shared-store and
# cluster tests start their own servers from their binaries on loopback; nothing is left running).
want_node=false; want_postgres=false
case "${1:-}" in
  --node) want_node=true ;;
  --tests) want_node=true; want_postgres=true ;;
esac

missing=()
if $want_node && { ! command -v node >/dev/null || ! command -v npm >/dev/null; }; then missing+=(nodejs npm); fi
if $want_postgres && ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then missing+=(postgresql); fi
if $want_postgres && [ ! -x /usr/sbin/nginx ]; then missing+=(nginx); fi
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null; then
    echo "setup: installing ${missing[*]} from the distribution's packages" >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2
  else
    echo "setup: ${missing[*]} needed (Node.js 20 or later from https://nodejs.org; PostgreSQL 15 or later)" >&2
    exit 1
  fi
fi

if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET SDK 10 is needed (https://dot.net); 'dotnet' is not on PATH" >&2
  exit 1
fi
dotnet restore SessionMcp.sln >&2
