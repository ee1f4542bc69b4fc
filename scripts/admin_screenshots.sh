#!/bin/sh
# Screenshots of each Administration section, light and dark, at 1024x700 under Xvfb,
# on fresh demo data (needs: apt-get install xvfb imagemagick).
set -eu
cd "$(dirname "$0")/.."
PY=.venv/bin/python
WORK=$(mktemp -d)
export SUPPORTDESK_DATA_DIR="$WORK/data" SUPPORTDESK_CONFIG_DIR="$WORK/config"
$PY -m app --db "sqlite:///$WORK/demo.db" demo >/dev/null
Xvfb :96 -screen 0 1024x700x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB' EXIT
sleep 1
for theme in light dark; do
  DISPLAY=:96 QT_QPA_PLATFORM=xcb SUPPORTDESK_THEME=$theme PYTHONPATH=. \
    $PY scripts/admin_screenshots.py "sqlite:///$WORK/demo.db" "$WORK" "$theme"
  for shot in "$WORK"/admin-*-"$theme".png; do
    convert "$shot" -strip -colors 256 PNG8:"docs/screenshots/$(basename "$shot")"
  done
done
ls -l docs/screenshots/admin-*
