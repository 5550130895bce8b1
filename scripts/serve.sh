#!/usr/bin/env bash
# Builds the web app (release) and serves it on http://127.0.0.1:PORT/ (default 8080).
# Usage: scripts/serve.sh [--no-build] [--port N]
set -euo pipefail
cd "$(dirname "$0")/.."
build=1 port=8080
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --port) port="$2"; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done
[ "$build" = 0 ] || scripts/build-web.sh
exec node tests/e2e/server.mjs --dir dist --host 127.0.0.1 --port "$port"
