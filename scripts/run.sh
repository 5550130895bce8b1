#!/usr/bin/env bash
# Sets up what is missing, builds the web app (release) and serves it on http://127.0.0.1:8080/.
# Usage: scripts/run.sh [--port N]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh web
exec scripts/serve.sh "$@"
