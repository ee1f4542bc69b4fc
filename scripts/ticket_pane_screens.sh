#!/bin/sh
# The main window with each ticket pane in view (tabbed on a narrow window), in English
# and Greek, light and dark, at 1024x700 and 1920x1080, on fresh demo data under Xvfb,
# into $OUT (default: a temporary folder, printed). For looking at, not for the README.
set -eu
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
WORK=$(mktemp -d)
SCREEN=${DISPLAY_NUMBER:-91}  # the Xvfb display to use (another when it is taken)
OUT=${OUT:-$WORK/shots}
export SUPPORTDESK_DATA_DIR="$WORK/data" SUPPORTDESK_CONFIG_DIR="$WORK/config" \
    SUPPORTDESK_LOG_DIR="$WORK/log"
$PY -m app --db "sqlite:///$WORK/demo.db" demo >/dev/null
Xvfb :$SCREEN -screen 0 1920x1080x24 >/dev/null 2>&1 &
XVFB=$!
# The demo data goes; the shots stay (in $WORK/shots unless OUT says elsewhere).
trap 'kill $XVFB; rm -rf "$WORK/demo.db" "$WORK/data" "$WORK/config" "$WORK/log"; rmdir "$WORK" 2>/dev/null || true' EXIT
sleep 1
for size in ${SIZES:-1024x700 1920x1080}; do
  for theme in ${THEMES:-light dark}; do
    for language in ${LANGUAGES:-el en}; do
      DISPLAY=:$SCREEN QT_QPA_PLATFORM=xcb SUPPORTDESK_THEME=$theme SCREEN_SIZE=$size \
        PYTHONPATH=. $PY scripts/ticket_pane_screens.py "sqlite:///$WORK/demo.db" "$language" "$OUT"
    done
  done
done
echo "shots in $OUT"
