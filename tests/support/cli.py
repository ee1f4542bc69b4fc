"""Running ``supportdesk`` as a real process, the way scripts and cron use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Cli:
    """``supportdesk --db URL …`` in a subprocess with its own password environment."""

    def __init__(self, db_url: str) -> None:
        self.db_url = db_url

    def run(
        self,
        *args: str,
        user: str | None = None,
        password: str | None = None,
        new_password: str | None = None,
        stdin: str | None = None,
    ) -> Result:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORTDESK_PASSWORD")}
        env.pop("SUPPORTDESK_NEW_PASSWORD", None)
        if password is not None:
            env["SUPPORTDESK_PASSWORD"] = password
        if new_password is not None:
            env["SUPPORTDESK_NEW_PASSWORD"] = new_password
        argv = [sys.executable, "-m", "app", "--db", self.db_url]
        if user:
            argv += ["--user", user]
        proc = subprocess.run(
            [*argv, *args],
            capture_output=True,
            text=True,
            env=env,
            input=stdin,
            timeout=120,
            check=False,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def ok(self, *args: str, **kwargs: Any) -> Result:
        result = self.run(*args, **kwargs)
        assert result.code == 0, f"{args} exited {result.code}: {result.err}"
        return result
