#!/usr/bin/env bash
# Run by .ci/run: put Debian's chromium on the machine for tests/browser (Playwright drives it; it
# never downloads a browser of its own). Installs with apt-get when chromium is missing and apt can
# be used (root); otherwise says so, and the browser test skips with its reason. Never fails.
if command -v chromium >/dev/null 2>&1 || [ -n "${AWSTUI_CHROMIUM:-}" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
  echo "scripts/chromium.sh: no chromium, and no apt-get as root to install it: tests/browser will skip" >&2
  exit 0
fi
echo "scripts/chromium.sh: installing chromium (apt-get) for tests/browser"
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq chromium; } >/tmp/awstui-chromium-install.log 2>&1; then
  tail -5 /tmp/awstui-chromium-install.log >&2
  echo "scripts/chromium.sh: could not install chromium: tests/browser will skip" >&2
fi
exit 0
