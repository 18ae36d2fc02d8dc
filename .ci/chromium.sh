#!/usr/bin/env bash
# Chromium for the browser tests (test/browser): Debian's package, installed only when missing.
# Fonts come with it: Liberation Sans (Arial's widths, which ECharts lays chart text out by) and
# Noto CJK, so Chinese labels in the screenshots are not boxes.
# Use: source .ci/chromium.sh && chromium_install_if_missing

chromium_install_if_missing() {
  if [ -x /usr/bin/chromium ]; then return 0; fi
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then return 0; fi
  echo "ci: installing chromium (apt-get)"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-liberation fonts-noto-cjk
}
