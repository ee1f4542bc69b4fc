#!/bin/sh
# Screenshots of the Greek client (login window, main window light and dark) on fresh demo
# data, under Xvfb — started the way a Greek user starts it: the system locale decides.
# Needs Xvfb, ImageMagick (import, convert) and xdotool.
set -eu
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
WORK=$(mktemp -d)
SCREEN=${DISPLAY_NUMBER:-96}  # the Xvfb display to use (another when it is taken)
export SUPPORTDESK_DATA_DIR="$WORK/data" SUPPORTDESK_CONFIG_DIR="$WORK/config" \
    SUPPORTDESK_LOG_DIR="$WORK/log" LANG=el_GR.UTF-8 LC_ALL=el_GR.UTF-8 \
    XDG_CONFIG_HOME="$WORK/xdg"  # QSettings' view and sort too: not the last run's or a user's
$PY -m app demo >/dev/null
Xvfb :$SCREEN -screen 0 1440x900x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null; rm -rf "$WORK"' EXIT
export DISPLAY=:$SCREEN QT_QPA_PLATFORM=xcb
sleep 1
xdotool() { LC_ALL=C.UTF-8 command xdotool "$@"; }
shot() { import -window root -crop "$2" "$WORK/shot.png" && convert "$WORK/shot.png" -strip -colors 256 PNG8:"docs/screenshots/$1"; }
for theme in light dark; do
  SUPPORTDESK_THEME=$theme $PY -m app --db "sqlite:///$WORK/data/supportdesk.db" --user eli &
  APP=$!
  login=$(xdotool search --sync --onlyvisible --name "SupportDesk$" | head -1)  # «Σύνδεση στο SupportDesk»
  xdotool windowmove "$login" 0 0 windowfocus --sync "$login"
  sleep 1
  if [ "$theme" = light ]; then shot login-el.png 520x260+0+0; fi
  xdotool type --delay 20 "demo-password-1"
  xdotool key Return
  main=$(xdotool search --sync --onlyvisible --name "SupportDesk — " | head -1)
  xdotool windowmove "$main" 0 0 windowsize "$main" 1440 900
  sleep 5
  shot "main-el-$theme.png" 1440x900+0+0
  kill $APP
  wait $APP 2>/dev/null || true
done
ls -l docs/screenshots/*-el*.png
