#!/usr/bin/env bash
# Installs the Debian packages the tests and benchmarks use, when any is missing.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v oathtool >/dev/null || need+=(oathtool)
command -v zbarimg >/dev/null || need+=(zbar-tools)
command -v import >/dev/null && import -version >/dev/null 2>&1 || need+=(imagemagick)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "twofold: the tests need these Debian packages: ${need[*]}. Run: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
