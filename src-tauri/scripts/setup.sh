#!/usr/bin/env bash
# Installs what building, running and testing Lectern needs, when it is missing:
# the WebKitGTK stack and E2E tools from apt (as root or through sudo), the npm
# packages of the UI and of the E2E suite, and tauri-driver. Safe to run again.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)

apt_packages=(
  # building the app
  libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config
  # end-to-end tests and screenshots
  xvfb xauth imagemagick webkit2gtk-driver dbus-x11 fonts-dejavu-core python3 xdotool
  # the browser extension's end-to-end test
  chromium
)

missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "setup: Rust (cargo) is required: https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup: Node.js 20+ with npm is required" >&2; exit 1; }

install_npm() {
  local dir=$1
  # Reinstall only when the lock file changed since the last install.
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "setup: npm ci in ${dir#"$repo"/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
install_npm "$repo/ui"
if [ "${LECTERN_SETUP_E2E:-0}" = 1 ]; then
  install_npm "$repo/tests/e2e"
  tools="${LECTERN_TOOLS_DIR:-$HOME/.cache/lectern/tools}"
  if [ ! -x "$tools/bin/tauri-driver" ]; then
    echo "setup: cargo install tauri-driver"
    cargo install tauri-driver --version 2.1.0 --locked --root "$tools" --quiet
  fi
fi
