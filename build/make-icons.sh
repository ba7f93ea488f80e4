#!/usr/bin/env bash
# Regenerates the committed icons from icon.svg and tray.svg.
# Needs rsvg-convert (librsvg2-bin), ImageMagick's convert (for .ico) and python3 (for .icns).
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rsvg-convert -w 512 -h 512 icon.svg -o icon.png
for size in 128 256 512 1024; do rsvg-convert -w "$size" -h "$size" icon.svg -o "$tmp/$size.png"; done
/usr/bin/convert "$tmp/1024.png" -define icon:auto-resize=256,128,64,48,32,16 icon.ico
# ICNS: a header, then one PNG per size (ImageMagick cannot write it).
python3 - "$tmp" <<'PY'
import struct, sys
body = b''
for kind, size in ((b'ic07', 128), (b'ic08', 256), (b'ic09', 512), (b'ic10', 1024)):
    data = open(f'{sys.argv[1]}/{size}.png', 'rb').read()
    body += kind + struct.pack('>I', len(data) + 8) + data
open('icon.icns', 'wb').write(b'icns' + struct.pack('>I', len(body) + 8) + body)
PY

# macOS tray: a black "template" image the system tints; elsewhere the app's colour.
rsvg-convert -w 16 -h 16 tray.svg -o trayTemplate.png
rsvg-convert -w 32 -h 32 tray.svg -o trayTemplate@2x.png
sed 's/#000000/#0f5f73/g' tray.svg > "$tmp/tray.svg"
rsvg-convert -w 16 -h 16 "$tmp/tray.svg" -o tray.png
rsvg-convert -w 32 -h 32 "$tmp/tray.svg" -o tray@2x.png
