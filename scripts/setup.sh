#!/usr/bin/env bash
# Installs what Tether's build and tests need, idempotently: quick when everything is already there.
# Debian packages through apt, the web client's pinned npm packages, and NuGet packages.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { printf 'setup: %s\n' "$*" >&2; }

# Debian packages the tests drive for real.
#   chromium: the browser tests (headless, through playwright-core with Debian's binary).
#   nginx: the scale-out test and the relay benchmark put it in front of relay nodes.
apt_packages=(chromium nginx bubblewrap socat)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { log "need root or sudo to install: ${missing[*]}"; exit 1; }
    sudo="sudo"
  fi
  log "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Web client: npm ci only when the lock file changed since the last install.
stamp="$root/web/node_modules/.tether-lock.sha256"
want="$(sha256sum "$root/web/package-lock.json" | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  log "installing web packages (npm ci)"
  (cd "$root/web" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi

# Claude Code, pinned (tools/claude-code): the host tests drive the real CLI against a fake
# Anthropic API. Its postinstall copies the native binary (~245 MB) from the platform's optional
# dependency over bin/claude.exe, so optional dependencies and install scripts must stay on.
stamp="$root/tools/claude-code/node_modules/.tether-lock.sha256"
want="$(sha256sum "$root/tools/claude-code/package-lock.json" | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  log "installing Claude Code (npm ci)"
  (cd "$root/tools/claude-code" && npm ci --include=optional --ignore-scripts=false --no-audit --no-fund --loglevel=error)
  claude_version="$("$root/tools/claude-code/node_modules/.bin/claude" --version 2>/dev/null || true)"
  pinned="$(sed -n 's/.*"@anthropic-ai\/claude-code": "\([^"]*\)".*/\1/p' "$root/tools/claude-code/package.json")"
  if [[ "$claude_version" != "$pinned "* ]]; then
    log "tools/claude-code: expected claude $pinned, got '${claude_version}' (was the native optional dependency or its postinstall skipped?)"
    exit 1
  fi
  echo "$want" > "$stamp"
fi

# .NET packages (a no-op when the assets are current).
dotnet restore "$root/Tether.sln" --verbosity quiet >/dev/null
log "ready"
