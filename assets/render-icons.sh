#!/usr/bin/env bash
# Renders the app icon's PNGs and the Windows .ico from assets/lectern.svg.
# Needs Debian's librsvg2-bin (rsvg-convert) and icoutils (icotool):
#   apt-get install -y --no-install-recommends librsvg2-bin icoutils
# The outputs are committed; run this after changing the SVG and look at the PNGs.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p icons
for size in 16 32 48 64 128 256 512; do
    rsvg-convert --width "$size" --height "$size" lectern.svg --output "icons/lectern-$size.png"
done
# Windows wants 16–256 in one file; 256 is stored as PNG, the smaller ones as bitmaps.
icotool --create --output lectern.ico \
    icons/lectern-16.png icons/lectern-32.png icons/lectern-48.png icons/lectern-64.png \
    icons/lectern-128.png --raw=icons/lectern-256.png
