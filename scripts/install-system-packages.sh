#!/usr/bin/env bash
# Installs the Debian packages GWR Review needs to build and test, but only
# those missing. Both README commands call this first; it is quick when
# everything is present.
set -euo pipefail

packages=(
  # Tauri 2 on Linux (webkit2gtk 4.1) and its build tools
  build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev
  libsoup-3.0-dev libjavascriptcoregtk-4.1-dev librsvg2-dev
  libayatana-appindicator3-dev libxdo-dev
  # The real window headless, and WebDriver for it
  xvfb xauth webkit2gtk-driver
  # Browser tests of the UI, screenshots, Chinese fonts for both
  chromium imagemagick fonts-noto-cjk
  # Export round trips read files back with an independent reader
  python3 python3-openpyxl
)
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo is missing: install Rust (https://rustup.rs) and run this again." >&2
  exit 1
fi
