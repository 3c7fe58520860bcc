#!/usr/bin/env bash
# Installs what SessionMcp needs on a fresh Debian/Ubuntu machine: a Chromium (when none is found), the .NET
# packages and, with --node, Node.js and npm (for the interop tests and the benchmark). Safe to run again: it skips
# what is already there.
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
echo "setup: browser $(find_chromium)" >&2

if [ "${1:-}" = "--node" ] && { ! command -v node >/dev/null || ! command -v npm >/dev/null; }; then
  if command -v apt-get >/dev/null; then
    echo "setup: installing Node.js and npm from the distribution's packages" >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >&2
  else
    echo "setup: Node.js 20 or later and npm are needed (https://nodejs.org)" >&2
    exit 1
  fi
fi

if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET SDK 10 is needed (https://dot.net); 'dotnet' is not on PATH" >&2
  exit 1
fi
dotnet restore SessionMcp.sln >&2
