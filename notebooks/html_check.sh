#!/usr/bin/env bash
# Opens HTML documents in headless Chromium and audits them with axe-core at WCAG 2.2 AA
# (notebooks/a11y/check.mjs). Installs Debian's Chromium and the pinned npm packages
# (notebooks/a11y/package-lock.json) when missing.
#   notebooks/html_check.sh [--screenshot DIR] page.html...
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v chromium >/dev/null; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends chromium >/dev/null
fi
if [ ! -d "$here/a11y/node_modules/axe-core" ] || [ ! -d "$here/a11y/node_modules/playwright-core" ]; then
    npm ci --prefix "$here/a11y" --no-audit --no-fund >/dev/null
fi
node "$here/a11y/check.mjs" "$@"
