#!/bin/sh
# README screenshots of the main window in light and dark palettes, on fresh demo data.
set -eu
cd "$(dirname "$0")/.."
PY=.venv/bin/python
WORK=$(mktemp -d)
SCREEN=${DISPLAY_NUMBER:-97}  # the Xvfb display to use (another when it is taken)
export SUPPORTDESK_DATA_DIR="$WORK/data" SUPPORTDESK_CONFIG_DIR="$WORK/config"
$PY -m app --db "sqlite:///$WORK/demo.db" demo >/dev/null
TICKET=${TICKET:-SD-000025}
Xvfb :$SCREEN -screen 0 1920x1080x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB; rm -rf "$WORK"' EXIT
sleep 1
# The smallest screen we support and a large one (issue 14), each in both palettes.
for size in ${SIZES:-1024x700 1920x1080}; do
  for theme in light dark; do
    DISPLAY=:$SCREEN QT_QPA_PLATFORM=xcb SUPPORTDESK_THEME=$theme SCREEN_SIZE=$size PYTHONPATH=. \
      $PY scripts/screenshots.py "sqlite:///$WORK/demo.db" eli "$WORK/main-$theme-$size.png" "$TICKET"
    convert "$WORK/main-$theme-$size.png" -strip -colors 256 PNG8:"docs/screenshots/main-$theme-$size.png"
  done
done
ls -l docs/screenshots
