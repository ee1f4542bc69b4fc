"""The README's first command, run twice on a fresh machine, opens the app both times.

The venv and ``pip install`` parts are what packaging/ci_check.sh proves with the wheel;
here the ``supportdesk`` parts of the chain run for real, twice, each as its own process,
with the same fresh user folders — the second ``demo`` must not break the ``&&`` chain.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def first_command() -> list[str]:
    """The README's first shell command, split at ``&&``."""
    block = re.search(r"```bash\n(.*?)\n```", README.read_text(encoding="utf-8"), re.S)
    assert block is not None, "the README has no bash block"
    return [part.strip() for part in block.group(1).strip().split("&&")]


def test_the_first_command_is_the_one_this_test_runs() -> None:
    assert first_command() == [
        "python3 -m venv .venv",
        ".venv/bin/pip install -e .",
        ".venv/bin/supportdesk demo",
        ".venv/bin/supportdesk",
    ]


@pytest.mark.slow
def test_running_it_twice_opens_the_app_both_times(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SUPPORTDESK_DB"}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        SUPPORTDESK_DATA_DIR=str(tmp_path / "data"),
        SUPPORTDESK_CONFIG_DIR=str(tmp_path / "config"),
        SUPPORTDESK_LOG_DIR=str(tmp_path / "log"),
    )
    supportdesk = [sys.executable, "-m", "app"]
    for _ in range(2):
        chain = []
        for part in first_command()[2:]:
            args = part.split()[1:]  # ".venv/bin/supportdesk demo" → ["demo"]
            # The GUI shows its login window, reports the first paint and quits.
            probe = {"SUPPORTDESK_STARTUP_PROBE": "1"} if not args else {}
            proc = subprocess.run(
                [*supportdesk, *args],
                env={**env, **probe},
                capture_output=True,
                text=True,
                timeout=180,
                check=False,
            )
            chain.append((args, proc.returncode, proc.stdout.strip().splitlines()[-2:]))
            if proc.returncode != 0:  # `&&` stops here, as the shell would
                break
        assert chain[0][1] == 0, chain
        assert chain[-1][:2] == ([], 0) and "painted" in chain[-1][2][0], chain
    assert (tmp_path / "data" / "supportdesk.db").exists()
