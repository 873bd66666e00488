#!/usr/bin/env bash
# Renders build/icon.svg into every icon the installers use, offline, with Debian packages:
#   librsvg2-bin (rsvg-convert: draws the SVG; ImageMagick 6's own SVG renderer mangles
#                 gradients and arcs, so it is not used for this step)
#   imagemagick  (convert: checks sizes and assembles the Windows .ico)
#   icnsutils    (png2icns: assembles the macOS .icns)
# Outputs (committed; re-run after changing icon.svg):
#   build/icons/{16,32,64,128,256,512}x{...}.png   Linux icon set, tray icons
#   build/icon.png (512)  build/icon.ico (16-256)  build/icon.icns (16-1024)
set -euo pipefail
cd "$(dirname "$0")"

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "render-icons: $1 is missing; install it with: apt-get install $2" >&2; exit 1; }
}
need rsvg-convert librsvg2-bin
need convert imagemagick
convert -version | grep -q ImageMagick || { echo "render-icons: 'convert' is not ImageMagick; apt-get install imagemagick" >&2; exit 1; }

mkdir -p icons
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for size in 16 32 64 128 256 512 1024; do
  rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio icon.svg --output "$tmp/$size.png"
  # Strip timestamps so re-rendering an unchanged SVG gives byte-identical files.
  convert "$tmp/$size.png" -define png:exclude-chunks=date,time -strip "PNG32:$tmp/$size.png"
  got=$(identify -format '%wx%h' "$tmp/$size.png")
  [ "$got" = "${size}x${size}" ] || { echo "render-icons: $size.png came out $got" >&2; exit 1; }
done
for size in 16 32 64 128 256 512; do cp "$tmp/$size.png" "icons/${size}x${size}.png"; done
cp "$tmp/512.png" icon.png
convert "$tmp/16.png" "$tmp/32.png" "$tmp/64.png" "$tmp/128.png" "$tmp/256.png" icon.ico

if command -v png2icns >/dev/null 2>&1; then
  png2icns icon.icns "$tmp/16.png" "$tmp/32.png" "$tmp/128.png" "$tmp/256.png" "$tmp/512.png" "$tmp/1024.png" >/dev/null
  echo "render-icons: wrote icons/*.png, icon.png, icon.ico, icon.icns"
else
  rm -f icon.icns
  echo "render-icons: png2icns (icnsutils) not installed: no icon.icns; electron-builder derives it from icon.png"
fi
