"""Build the SupportDesk bundle with PyInstaller and smoke-test it.

    python packaging/build.py            # -> dist/SupportDesk/supportdesk[.exe]

The smoke test runs the frozen executable's ``--version`` and ``init`` on a scratch
SQLite file, so a bundle that misses its migrations or drivers fails here, not at a
manager's desk.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            str(ROOT / "packaging" / "supportdesk.spec"),
        ],
        cwd=ROOT,
        check=True,
    )
    exe = ROOT / "dist" / "SupportDesk" / ("supportdesk.exe" if os.name == "nt" else "supportdesk")
    subprocess.run([str(exe), "--version"], check=True)
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            "SUPPORTDESK_DATA_DIR": scratch,
            "SUPPORTDESK_CONFIG_DIR": scratch,
            "SUPPORTDESK_LOG_DIR": scratch,
        }
        subprocess.run(
            [str(exe), "--db", f"sqlite:///{scratch}/smoke.db", "init"], check=True, env=env
        )
    print(f"built and smoke-tested {exe}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
