#!/usr/bin/env bash
# Build and try what users install, the way they install it (issue 18):
#   1. the wheel, installed into a fresh virtual environment (pinned by
#      packaging/constraints.txt), runs `supportdesk --self-test`;
#   2. the one-folder bundle, built from that environment (so from the wheel), runs its
#      own --self-test (packaging/build.py);
#   3. the .deb installs with dpkg -i, and /opt/supportdesk/supportdesk --self-test and
#      `supportdesk` on PATH work; the package is removed again afterwards.
# Needs: python3 with venv, dpkg-deb, root for dpkg -i (CI runs as root). Run from
# anywhere: bash packaging/ci_check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export QT_QPA_PLATFORM=offscreen PIP_DISABLE_PIP_VERSION_CHECK=1
WORK=$ROOT/build/ci-check
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
# The self-tests never touch the real user's folders.
export SUPPORTDESK_DATA_DIR=$SCRATCH/data SUPPORTDESK_CONFIG_DIR=$SCRATCH/config \
    SUPPORTDESK_LOG_DIR=$SCRATCH/log
unset SUPPORTDESK_DB
started=$(date +%s)
step() { echo "== $* ($(( $(date +%s) - started )) s)"; }

step "wheel (built with a fresh venv's own pip: the system may have none)"
rm -rf "$WORK" dist/supportdesk-*.whl
mkdir -p "$WORK"
"${PYTHON:-python3}" -m venv "$WORK/venv"
# Verbose, to see setuptools' deprecations: each one is a build that stops on a set date.
"$WORK/venv/bin/python" -m pip wheel -v --no-deps -w dist . > "$SCRATCH/wheel.log" 2>&1 \
    || { cat "$SCRATCH/wheel.log"; exit 1; }
if grep -A3 "SetuptoolsDeprecationWarning" "$SCRATCH/wheel.log"; then
    echo "the build uses something setuptools has deprecated (above)"; exit 1
fi
wheel=$(ls dist/supportdesk-*-py3-none-any.whl)
"$WORK/venv/bin/python" -m zipfile -l "$wheel" | grep -q "ui/resources/translations/supportdesk_el.qm" \
    || { echo "the wheel lacks its translations"; exit 1; }

step "install the wheel into that fresh virtual environment (pinned)"
"$WORK/venv/bin/python" -m pip install -q -c packaging/constraints.txt "$wheel[package]"

step "self-test of the installed wheel"
# Away from the source tree: `app` and `ui` must come from site-packages.
(cd "$SCRATCH" && "$WORK/venv/bin/supportdesk" --version && "$WORK/venv/bin/supportdesk" --self-test)

step "bundle and .deb (PyInstaller, from the wheel's environment)"
"$WORK/venv/bin/python" packaging/build.py --deb
deb=$(ls dist/supportdesk_*.deb)

step "dpkg -i $deb"
dpkg -i "$deb" || { apt-get update -qq && apt-get install -y -f -qq; }
test -x /opt/supportdesk/supportdesk
test -f /usr/share/applications/supportdesk.desktop
test -f /usr/share/icons/hicolor/scalable/apps/supportdesk.svg
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate /usr/share/applications/supportdesk.desktop
fi

step "self-test of the installed package"
(cd "$SCRATCH" && supportdesk --version && /opt/supportdesk/supportdesk --self-test)
dpkg -r supportdesk >/dev/null
step "done: wheel, bundle and .deb all passed their self-tests"
