#!/usr/bin/env bash
# Runs Tether's main job: a host session for a project (default: the current directory) with the relay
# embedded on loopback, ready to pair, driving Claude Code. Installs and builds what it needs first
# (quick when done), including the pinned Claude Code in tools/claude-code unless `claude` is on PATH.
# Arguments go to `tether run` (see `scripts/run.sh --help`), e.g. scripts/run.sh ~/src/myproject.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
npm --prefix "$root/web" run --silent build:app >/dev/null
dotnet build "$root/src/Tether.Cli" -c Release --nologo --verbosity quiet >/dev/null
claude=()
command -v claude >/dev/null || claude=(--claude "$root/tools/claude-code/node_modules/.bin/claude")
exec dotnet "$root/src/Tether.Cli/bin/Release/net10.0/tether.dll" run "${claude[@]}" "$@"
