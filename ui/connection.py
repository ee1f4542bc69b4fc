"""Remembered secrets for the login dialog (Qt-free).

Passwords are only remembered through the OS keyring, and only when a real keyring
backend is available — never in a settings file. The connection profiles themselves
are in :mod:`app.connection`.
"""

from __future__ import annotations

import contextlib
from typing import Any

KEYRING_SERVICE = "SupportDesk"


class SecretStore:
    """The OS keyring when one is really there; otherwise remembering is unavailable."""

    def __init__(self, *, load: bool = True) -> None:
        """``load=False``: not (yet) available, and nothing imported."""
        self._keyring: Any = None
        if not load:
            return
        try:
            import keyring
            from keyring.backends import fail, null

            backend = keyring.get_keyring()
            if not isinstance(backend, fail.Keyring | null.Keyring) and backend.priority > 0:
                self._keyring = keyring
        except Exception:  # any import or backend problem: just do not offer it
            self._keyring = None

    @property
    def available(self) -> bool:
        return self._keyring is not None

    def get(self, key: str) -> str | None:
        if not self._keyring:
            return None
        try:
            return self._keyring.get_password(KEYRING_SERVICE, key)
        except Exception:
            return None

    def set(self, key: str, secret: str) -> bool:
        if not self._keyring:
            return False
        try:
            self._keyring.set_password(KEYRING_SERVICE, key, secret)
            return True
        except Exception:
            return False

    def forget(self, key: str) -> None:
        if self._keyring:
            with contextlib.suppress(Exception):
                self._keyring.delete_password(KEYRING_SERVICE, key)
