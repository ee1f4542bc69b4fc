"""Refresh the Greek catalogue from the code, then compile it.

    .venv/bin/python scripts/translations.py          # lupdate + lrelease
    .venv/bin/python scripts/translations.py --check  # exit 1 if any text lacks Greek

``pyside6-lupdate`` reads every ``translate("Context", "text")`` and
``QT_TRANSLATE_NOOP`` in ui/ into ui/resources/translations/supportdesk_el.ts (keeping
what is translated, dropping what the code no longer says); translators edit that file
with Qt Linguist (``pyside6-linguist``); ``pyside6-lrelease`` compiles the ``.qm`` the
app loads (committed, and recompiled by packaging/build.py).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "ui" / "resources" / "translations" / "supportdesk_el.ts"


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def update() -> None:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            "-target-language",
            "el_GR",
            *sources,
            "-ts",
            str(TS.relative_to(ROOT)),
        ],
        cwd=ROOT,
        check=True,
    )


def release() -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(TS.with_suffix(".qm"))],
        check=True,
    )


def untranslated() -> list[tuple[str, str]]:
    missing = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") == "unfinished":
                missing.append((name, message.findtext("source") or ""))
                continue
            # Plural texts (%n) keep their forms in <numerusform> children.
            forms = [f.text or "" for f in translation.iter("numerusform")]
            if not all(form.strip() for form in forms or [translation.text or ""]):
                missing.append((name, message.findtext("source") or ""))
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only list untranslated texts")
    args = parser.parse_args()
    if not args.check:
        update()
        release()
    missing = untranslated()
    for context, source in missing:
        print(f"untranslated: [{context}] {source!r}")
    print(f"{len(missing)} untranslated text(s) in {TS.relative_to(ROOT)}")
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
