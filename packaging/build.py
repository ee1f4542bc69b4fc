"""Build what managers install: the one-folder bundle, and on Linux a ``.deb``.

    python packaging/build.py                  # translations, bundle, frozen self-test
    python packaging/build.py --deb            # … and dist/supportdesk_<version>_<arch>.deb
    python packaging/build.py --translations   # only compile the .ts files into .qm

The bundle is built from the ``app`` and ``ui`` packages the running interpreter
imports — CI (packaging/ci_check.sh) runs this from a fresh venv where the wheel was
installed with ``-c packaging/constraints.txt``, so the bundle holds exactly what the
wheel ships, at pinned versions. Every build ends with the frozen executable's
``--self-test``: a bundle that misses a module, a migration or a Qt plugin fails here,
not at a manager's desk. Windows installer: packaging/windows/supportdesk.iss (see
packaging/README.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = ROOT / "dist"
BUILD = ROOT / "build"
BUNDLE = DIST / "SupportDesk"
TRANSLATIONS = ROOT / "ui" / "resources" / "translations"
INSTALL_DIR = "/opt/supportdesk"  # the .deb's home; /usr/bin/supportdesk points into it
# Libraries the bundle takes from the system (Qt's xcb/EGL platform, fonts, D-Bus).
DEB_DEPENDS = (
    "libc6, libegl1, libgl1, libfontconfig1, libfreetype6, libdbus-1-3, libglib2.0-0, "
    "libxkbcommon0, libxkbcommon-x11-0, libx11-xcb1, libxcb-cursor0, libxcb-icccm4, "
    "libxcb-keysyms1, libxcb-shape0, libxcb-render-util0, libxcb-image0"
)


def version() -> str:
    """The one version (app.__version__), read without importing the app."""
    for line in (ROOT / "app" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit("app/__init__.py has no __version__")


def compile_translations() -> list[Path]:
    """``pyside6-lrelease`` every ``.ts`` next to it (the .qm are committed too, so a
    source checkout speaks Greek; tests/ui/test_translations.py catches a stale one)."""
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    lrelease = lrelease or shutil.which("pyside6-lrelease")
    if lrelease is None:
        raise SystemExit("pyside6-lrelease not found: install PySide6 in this environment")
    out = []
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
        out.append(qm)
    return out


def draw_icons(target: Path) -> Path:
    """The app icon as .ico (Windows executables) and .png, drawn from app.svg by Qt."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    svg = (ROOT / "ui" / "resources" / "icons" / "app.svg").read_bytes()
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(QByteArray(svg)).render(painter)
    painter.end()
    target.mkdir(parents=True, exist_ok=True)
    ico = target / "supportdesk.ico"
    image.save(str(target / "supportdesk.png"))
    if not image.save(str(ico)):
        raise SystemExit("Qt could not write the .ico (imageformats plugin missing?)")
    return ico


def build_bundle() -> Path:
    ico = draw_icons(BUILD / "icons")
    env = {**os.environ, "SUPPORTDESK_ICON": str(ico)}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level=WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / "pyinstaller"),
            str(HERE / "supportdesk.spec"),
        ],
        # Not the source root: the bundle must take app/ui from the installed packages
        # when the interpreter has them (the CI builds from the wheel).
        cwd=HERE,
        env=env,
        check=True,
    )
    return BUNDLE / ("supportdesk.exe" if os.name == "nt" else "supportdesk")


def self_test(exe: Path) -> None:
    """The frozen executable's own end-to-end check, away from the user's folders."""
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            "SUPPORTDESK_DATA_DIR": scratch,
            "SUPPORTDESK_CONFIG_DIR": scratch,
            "SUPPORTDESK_LOG_DIR": scratch,
            "QT_QPA_PLATFORM": "offscreen",
        }
        cli = exe.with_name("supportdesk-cli.exe") if os.name == "nt" else exe
        subprocess.run([str(cli), "--version"], check=True, env=env)
        subprocess.run([str(cli), "--self-test"], check=True, env=env)


def build_deb(bundle: Path) -> Path:
    """dist/supportdesk_<version>_<arch>.deb: the bundle under /opt/supportdesk, the
    command on PATH, a desktop entry and the icon in the hicolor theme."""
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    ver = version()
    stage = BUILD / "deb" / f"supportdesk_{ver}_{arch}"
    shutil.rmtree(stage, ignore_errors=True)
    opt = stage / INSTALL_DIR.lstrip("/")
    shutil.copytree(bundle, opt, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / "supportdesk").symlink_to(f"{INSTALL_DIR}/supportdesk")
    apps = stage / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy(HERE / "linux" / "supportdesk.desktop", apps / "supportdesk.desktop")
    icons = stage / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps"
    icons.mkdir(parents=True)
    shutil.copy(ROOT / "ui" / "resources" / "icons" / "app.svg", icons / "supportdesk.svg")
    size_kb = sum(f.stat().st_size for f in stage.rglob("*") if f.is_file()) // 1024
    control = stage / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        f"Package: supportdesk\n"
        f"Version: {ver}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: SupportDesk team <support@supportdesk.invalid>\n"
        f"Installed-Size: {size_kb}\n"
        f"Depends: {DEB_DEPENDS}\n"
        f"Section: misc\n"
        f"Priority: optional\n"
        f"Description: Support desk for contract-bound SLAs\n"
        f" Tickets with a tamper-evident history, SLA clocks, releases and reports,\n"
        f" on an embedded SQLite file or a shared PostgreSQL database.\n",
        encoding="utf-8",
    )
    out = DIST / f"supportdesk_{ver}_{arch}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zgzip", "-z1", "--build", str(stage), str(out)],
        check=True,
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deb", action="store_true", help="also build the Linux .deb")
    parser.add_argument("--translations", action="store_true", help="only compile the translations")
    args = parser.parse_args(argv)
    for qm in compile_translations():
        print(f"compiled {qm.relative_to(ROOT)}")
    if args.translations:
        return 0
    exe = build_bundle()
    self_test(exe)
    files = [f for f in BUNDLE.rglob("*") if f.is_file() and not f.is_symlink()]
    size = sum(f.stat().st_size for f in files) / 1e6
    print(f"built and self-tested {exe}: {len(files):,} files, {size:.0f} MB")
    if args.deb:
        print(f"built {build_deb(BUNDLE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
