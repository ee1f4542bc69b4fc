"""Remembered secrets and named connection profiles for the login dialog (Qt-free).

Passwords are only remembered through the OS keyring, and only when a real keyring
backend is available — never in a settings file. A profile's fields are
:class:`app.connection.ConnectionProfile`; :class:`ProfileBook` keeps several of them
under names (issue 14, item 15).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.connection import ConnectionProfile, Kind

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


# -- named connection profiles -------------------------------------------------------------


@dataclass(frozen=True)
class SavedProfile:
    """A connection profile under a name, with the user name last used with it."""

    name: str
    profile: ConnectionProfile
    username: str = ""


def same_place(a: ConnectionProfile, b: ConnectionProfile) -> bool:
    """The same database (the embedded file, or the server and database)."""
    if a.kind != b.kind:
        return False
    if a.kind == Kind.EMBEDDED:
        return a.sqlite_path == b.sqlite_path
    return (a.host.lower(), a.port, a.database) == (b.host.lower(), b.port, b.database)


def suggested_name(profile: ConnectionProfile) -> str:
    if profile.kind == Kind.EMBEDDED:
        return f"Embedded · {Path(profile.sqlite_path).name or 'supportdesk.db'}"
    return f"PostgreSQL · {profile.host}/{profile.database}"


class ProfileBook:
    """Every connection profile kept on this computer, by name, and the one used last.

    Plain settings (no password: those stay in the keyring, per profile and user), so
    logging in to the embedded database never overwrites a saved PostgreSQL server."""

    def __init__(self, profiles: list[SavedProfile] | None = None, last: str = "") -> None:
        self.profiles = list(profiles or [])
        self.last = last

    @classmethod
    def load(cls, raw: str, legacy: Mapping[str, Any], default_sqlite: str) -> ProfileBook:
        """From the settings' JSON; ``legacy`` is the one profile kept before names."""
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            data = {}
        book = cls()
        if isinstance(data, dict):
            for entry in data.get("profiles") or []:
                if not isinstance(entry, dict) or not str(entry.get("name") or "").strip():
                    continue
                profile = ConnectionProfile.from_dict(entry.get("profile") or {}, default_sqlite)
                name = str(entry["name"]).strip()
                if book.get(name) is None:
                    book.profiles.append(
                        SavedProfile(name, profile, str(entry.get("username") or ""))
                    )
            book.last = str(data.get("last") or "")
        if not book.profiles and legacy:
            kept = book.add(ConnectionProfile.from_dict(legacy, default_sqlite))
            book.last = kept.name
        return book

    def dump(self) -> str:
        return json.dumps(
            {
                "profiles": [
                    {"name": p.name, "username": p.username, "profile": p.profile.to_dict()}
                    for p in self.profiles
                ],
                "last": self.last,
            }
        )

    def names(self) -> list[str]:
        return [p.name for p in self.profiles]

    def get(self, name: str) -> SavedProfile | None:
        return next((p for p in self.profiles if p.name == name), None)

    def find(self, profile: ConnectionProfile) -> SavedProfile | None:
        return next((p for p in self.profiles if same_place(p.profile, profile)), None)

    def unique(self, name: str) -> str:
        base, n = name.strip() or "Connection", 2
        name = base
        while self.get(name) is not None:
            name, n = f"{base} ({n})", n + 1
        return name

    def add(self, profile: ConnectionProfile, name: str = "", username: str = "") -> SavedProfile:
        kept = SavedProfile(self.unique(name or suggested_name(profile)), profile, username)
        self.profiles.append(kept)
        return kept

    def put(self, name: str, profile: ConnectionProfile, username: str = "") -> SavedProfile:
        """Change the profile called ``name`` (it exists)."""
        i = self.names().index(name)
        self.profiles[i] = kept = SavedProfile(name, profile, username or self.profiles[i].username)
        return kept

    def rename(self, old: str, new: str) -> SavedProfile:
        new = new.strip()
        if not new:
            raise ValueError("a profile needs a name")
        if new != old and self.get(new) is not None:
            raise ValueError(f"there is already a profile called {new!r}")
        i = self.names().index(old)
        self.profiles[i] = kept = SavedProfile(
            new, self.profiles[i].profile, self.profiles[i].username
        )
        if self.last == old:
            self.last = new
        return kept

    def remove(self, name: str) -> SavedProfile | None:
        gone = self.get(name)
        if gone is not None:
            self.profiles.remove(gone)
            if self.last == name:
                self.last = self.profiles[0].name if self.profiles else ""
        return gone

    def used(self, profile: ConnectionProfile, username: str, chosen: str = "") -> SavedProfile:
        """Record a login: the chosen profile keeps the fields used, unless they are of
        another kind (then they become a profile of their own, so choosing the embedded
        database on the PostgreSQL profile's page never wipes the server's settings);
        without a choice, the profile of the same database, else a new one."""
        current = self.get(chosen) if chosen else None
        if current is not None and current.profile.kind == profile.kind:
            kept = self.put(current.name, profile, username)
        else:
            same = self.find(profile)
            kept = (
                self.put(same.name, profile, username)
                if same is not None
                else self.add(profile, username=username)
            )
        self.last = kept.name
        return kept
