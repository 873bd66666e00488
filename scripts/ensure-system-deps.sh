#!/usr/bin/env bash
# Installs the Debian packages the tests and benchmarks use, when any is missing:
# chromium (renderer end-to-end tests), xvfb (real-screen scan test), oathtool (reference codes),
# zbar-tools (QR peer and QR checks), imagemagick (screen capture under Xvfb), a font.
set -euo pipefail
packages=(chromium xvfb oathtool zbar-tools imagemagick fonts-dejavu-core)
need=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "twofold: the tests need these Debian packages: ${need[*]}. Run: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
