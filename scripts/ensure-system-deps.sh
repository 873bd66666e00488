#!/usr/bin/env bash
# Installs the Debian packages the tests and benchmarks use, when any is missing:
# chromium (renderer end-to-end tests), xvfb (real-screen scan test), oathtool (reference codes),
# zbar-tools (QR peer and QR checks), imagemagick (screen capture under Xvfb), a font.
#
# Only Linux is expected to have them all (the tests are built around Debian's Chromium and
# Xvfb). macOS and Windows skip this step with a message and scripts/test.mjs runs what can run
# there; on Linux a missing package is always an error, never a skip.
set -euo pipefail
packages=(chromium xvfb oathtool zbar-tools imagemagick fonts-dejavu-core)
case "$(uname -s)" in
  Linux) ;;
  *)
    echo "twofold: $(uname -s) is not Debian: not installing ${packages[*]}. The renderer end-to-end tests (Debian's Chromium under Xvfb) run on Linux only; see scripts/test.mjs for what runs here." >&2
    exit 0
    ;;
esac
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "twofold: this Linux has no dpkg (not Debian-based): install chromium (as /usr/bin/chromium), xvfb, oathtool, zbar-tools (zbarimg), imagemagick and a DejaVu font with your package manager, then run the tests again." >&2
  exit 1
fi
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
