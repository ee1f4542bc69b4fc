"""Anchors: the ledger's head, signed with Ed25519 and kept outside the database.

Someone with the owner login can rewrite history *and* recompute every hash in the
database; they cannot change an anchor file the admin keeps (or mailed to managers)
without its signature failing. ``history verify --anchor FILE`` recomputes the ledger
up to the anchored entry and compares. Besides the head, an anchor holds a short
checkpoint every ``window`` entries, with the ticket and event the window starts at, so
a difference is narrowed down to one window and named (at most 65,536 checkpoints,
whatever the size of the database; one entry per window up to that size).

The signing key is a file the admin keeps (``--key-file``, created 0600) or the OS
keyring; it is never stored in the database.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.domain.errors import ValidationError

FORMAT = "supportdesk-anchor/1"
MAX_CHECKPOINTS = 65_536
CHECKPOINT_CHARS = 16  # 64 bits of each checkpoint hash: enough to notice a change
KEYRING_SERVICE = "supportdesk"
KEYRING_ENTRY = "history-anchor-signing-key"


@dataclass(frozen=True)
class Anchor:
    label: str  # where it came from (its file name), for messages
    database: str
    made_at: datetime
    seq: int
    head: str
    window: int
    # Per window: "<hash prefix at its end> <ticket number> <event number of its start>".
    checkpoints: tuple[str, ...]
    public_key: str  # raw Ed25519 public key, hex

    def payload(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "database": self.database,
            "made_at": self.made_at.isoformat(),
            "seq": self.seq,
            "head": self.head,
            "window": self.window,
            "checkpoints": list(self.checkpoints),
            "public_key": self.public_key,
        }


def window_for(count: int) -> int:
    return max(1, math.ceil(count / MAX_CHECKPOINTS))


def checkpoint(anchor: Anchor, seq: int) -> tuple[str, str] | None:
    """(hash prefix, what the window started with) if entry ``seq`` ends a window."""
    if seq % anchor.window and seq != anchor.seq:
        return None
    digest, number, event = anchor.checkpoints[(seq - 1) // anchor.window].split(" ")
    return digest, covers(number, int(event))


def covers(number: str, event_seq: int) -> str:
    return f"{number} creation" if event_seq == 0 else f"{number} event #{event_seq}"


def make_anchor(
    entries: Iterable[tuple[int, str, str, int]], count: int, *, database: str,
    made_at: datetime, key: Ed25519PrivateKey, label: str,
) -> tuple[Anchor, str]:  # fmt: skip
    """The anchor of the ledger's first ``count`` entries ((seq, hash, ticket number,
    event number) in order) and its signature (hex)."""
    if count == 0:
        raise ValidationError("the ledger is empty: there is no history to anchor yet.")
    window = window_for(count)
    checkpoints: list[str] = []
    head, start = "", ""
    for seq, digest, number, event in entries:
        if seq % window == 1 or window == 1:
            start = f"{number} {event}"
        if seq % window == 0 or seq == count:
            checkpoints.append(f"{digest[:CHECKPOINT_CHARS]} {start}")
        head = digest
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    anchor = Anchor(label, database, made_at, count, head, window, tuple(checkpoints), public.hex())
    return anchor, key.sign(_canonical(anchor.payload())).hex()


def write_anchor(path: Path, anchor: Anchor, signature: str) -> None:
    document = {**anchor.payload(), "signature": signature}
    path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")


def read_anchor(path: Path, trusted_keys: Sequence[str] = ()) -> Anchor:
    """Read and check an anchor file; refuses a file whose signature does not hold."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        signature = bytes.fromhex(document.pop("signature"))
        if document.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file")
        anchor = Anchor(
            label=path.name,
            database=str(document["database"]),
            made_at=datetime.fromisoformat(document["made_at"]),
            seq=int(document["seq"]),
            head=str(document["head"]),
            window=int(document["window"]),
            checkpoints=tuple(str(c) for c in document["checkpoints"]),
            public_key=str(document["public_key"]),
        )
        public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(anchor.public_key))
    except OSError as exc:
        raise ValidationError(f"cannot read anchor {path}: {exc.strerror}.") from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValidationError(f"{path} is not a SupportDesk anchor file ({exc}).") from None
    try:
        public.verify(signature, _canonical(anchor.payload()))
    except InvalidSignature:
        raise ValidationError(
            f"anchor {path}: its signature does not match its content (the file was altered)."
        ) from None
    if trusted_keys and anchor.public_key not in trusted_keys:
        raise ValidationError(
            f"anchor {path} is signed by key {anchor.public_key[:16]}…, not by a trusted key."
        )
    if anchor.window < 1 or anchor.seq < 1:
        raise ValidationError(f"{path} is not a SupportDesk anchor file (bad numbers).")
    return anchor


def new_signing_key(key_file: Path | None) -> str:
    """Make a signing key in ``key_file`` (0600, never overwritten) or the OS keyring;
    returns its public key (hex)."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    if key_file is not None:
        try:
            fd = _create_private(key_file)
        except FileExistsError:
            raise ValidationError(f"{key_file} exists already; it was not replaced.") from None
        with open(fd, "wb") as out:
            out.write(pem)
    else:
        if _keyring_get():
            raise ValidationError("the keyring holds a signing key already; it was not replaced.")
        _keyring_set(pem.decode())
    return public_hex(key)


def load_signing_key(key_file: Path | None) -> Ed25519PrivateKey:
    if key_file is not None:
        try:
            pem = key_file.read_bytes()
        except OSError as exc:
            raise ValidationError(
                f"cannot read the signing key {key_file}: {exc.strerror}."
            ) from None
    else:
        stored = _keyring_get()
        if not stored:
            raise ValidationError(
                "no signing key in the OS keyring: make one with "
                "`supportdesk history anchor-key` or pass --key-file FILE."
            )
        pem = stored.encode()
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except ValueError:
        raise ValidationError("the signing key is not a PEM private key.") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ValidationError("the signing key is not an Ed25519 key.")
    return key


# The keyring is whatever the ``keyring`` library picks (the OS's, or the one named by
# PYTHON_KEYRING_BACKEND); with none usable its error becomes a plain message with the
# way out (a key file) instead of a traceback.
_NO_KEYRING = "the OS keyring cannot be used ({}); keep the signing key in a file: --key-file FILE."


def _keyring_get() -> str | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, KEYRING_ENTRY)
    except KeyringError as exc:
        raise ValidationError(_NO_KEYRING.format(exc)) from None


def _keyring_set(pem: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, KEYRING_ENTRY, pem)
    except KeyringError as exc:
        raise ValidationError(_NO_KEYRING.format(exc)) from None


def public_hex(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return raw.hex()


def _create_private(path: Path) -> int:
    import os

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)


def _canonical(payload: dict[str, object]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
