"""An import killed by a signal cannot delete its spool (issue 12): the next import
sweeps the spools whose processes no longer exist, and never a live process's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from app.services.importing.spool import Spool

HOLD_A_SPOOL = (
    "import sys\n"
    "from app.services.importing.spool import Spool\n"
    "spool = Spool().__enter__()\n"
    "print(spool._path, flush=True)\n"
    "sys.stdin.read()  # until killed\n"
)


@pytest.mark.skipif(os.name != "posix", reason="process ids are only checked on POSIX")
def test_the_spool_of_a_killed_import_is_swept_by_the_next_and_a_live_ones_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_A_SPOOL],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    assert holder.stdout is not None
    orphan = Path(holder.stdout.readline().strip())
    assert orphan.parent == tmp_path and orphan.exists()
    unrelated = tmp_path / "supportdesk-import-notes.sqlite"
    unrelated.write_text("not a spool of ours")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    with Spool():
        assert orphan.exists(), "a running import's spool was deleted"

    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    assert orphan.exists()  # nothing cleaned up after the kill
    with Spool():
        assert not orphan.exists()
    assert unrelated.exists()
    assert list(tmp_path.glob("supportdesk-import-*-*.sqlite")) == []
