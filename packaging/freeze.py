"""Write packaging/constraints.txt: the exact versions of everything the release installs.

    python packaging/freeze.py        # from a venv with ``pip install ".[package]"``

The list is the dependency closure of ``supportdesk[package]`` as installed right now
(so test tools never leak in); packaging/ci_check.sh installs with ``-c`` this file, so
two builds of the same commit bundle the same libraries.
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement

OUT = Path(__file__).resolve().parent / "constraints.txt"
HEADER = (
    "# Exact versions the release build installs (packaging/ci_check.sh: pip install -c).\n"
    "# Regenerate after a deliberate upgrade: python packaging/freeze.py\n"
)


def closure(root: str, extras: tuple[str, ...]) -> dict[str, str]:
    """name → version of ``root`` (with ``extras``) and everything it needs here."""
    found: dict[str, str] = {}
    todo: list[tuple[str, tuple[str, ...]]] = [(root, extras)]
    while todo:
        name, wanted = todo.pop()
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            continue  # an optional marker-gated requirement not used on this platform
        key = re.sub(r"[-_.]+", "-", dist.metadata["Name"]).lower()
        if key in found and not wanted:
            continue
        found[key] = dist.version
        for text in dist.requires or ():
            req = Requirement(text)
            env = [{"extra": e} for e in wanted] or [{"extra": ""}]
            if req.marker is None or any(req.marker.evaluate(e) for e in env):
                todo.append((req.name, tuple(req.extras)))
    found.pop(root, None)
    return found


def main() -> int:
    pins = closure("supportdesk", ("package",))
    OUT.write_text(HEADER + "".join(f"{n}=={v}\n" for n, v in sorted(pins.items())))
    print(f"{len(pins)} pins written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
