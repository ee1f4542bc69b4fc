#!/bin/sh
# Screenshots of the Greek client (issue 18): main window, dashboard, promotion wizard,
# pending verifications and Administration › Customers, at 1024×700 and 1920×1080, in the
# light and dark palettes, on fresh demo data under Xvfb. Needs Xvfb and ImageMagick.
set -eu
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
WORK=$(mktemp -d)
SCREEN=${DISPLAY_NUMBER:-98}  # the Xvfb display to use (another when it is taken)
export SUPPORTDESK_DATA_DIR="$WORK/data" SUPPORTDESK_CONFIG_DIR="$WORK/config" \
    SUPPORTDESK_LOG_DIR="$WORK/log" SUPPORTDESK_TZ=Europe/Athens
$PY -m app --db "sqlite:///$WORK/demo.db" demo >/dev/null
Xvfb :$SCREEN -screen 0 1920x1080x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB; rm -rf "$WORK"' EXIT
sleep 1
for size in ${SIZES:-1024x700 1920x1080}; do
  for theme in light dark; do
    DISPLAY=:$SCREEN QT_QPA_PLATFORM=xcb SUPPORTDESK_THEME=$theme SCREEN_SIZE=$size PYTHONPATH=. \
      $PY scripts/greek_screens.py "sqlite:///$WORK/demo.db" "$WORK"
  done
done
# SHOTS picks which to keep by name, e.g. SHOTS="main-el-*" for the main window's only.
for shot in "$WORK"/${SHOTS:-*}.png; do
  convert "$shot" -strip -colors 256 PNG8:"docs/screenshots/$(basename "$shot")"
done
ls -l docs/screenshots/${SHOTS:-*-el-*}.png
