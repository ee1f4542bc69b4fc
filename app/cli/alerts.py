"""``supportdesk alert ingest [FILE]`` and ``supportdesk alert serve --listen HOST:PORT``:
Alertmanager webhook payloads into tickets, events and outages.

Both act as the built-in ``system`` user (no ``--user``): they are machine-to-machine.
``serve`` needs a token, never given on the command line (it would show in ``ps``):
``SUPPORTDESK_ALERT_TOKEN``, else the OS keyring (service ``supportdesk``, name
``alert-token``), else the settings file's ``alerts.token``.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Mapping
from types import FrameType
from typing import Any

from app.cli.alert_server import make_server
from app.cli.runtime import Run
from app.domain.errors import ValidationError
from app.services.alerts import IngestResult

TOKEN_ENV = "SUPPORTDESK_ALERT_TOKEN"
KEYRING_SERVICE, KEYRING_NAME = "supportdesk", "alert-token"
MIN_TOKEN = 16


def alert_token(settings: Mapping[str, Any]) -> str:
    """The receiver's shared secret, from the environment, the keyring or the settings."""
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        try:
            import keyring  # lazy: a desktop keyring backend is slow to load

            token = (keyring.get_password(KEYRING_SERVICE, KEYRING_NAME) or "").strip()
        except Exception:  # no keyring backend on this machine: try the settings
            token = ""
    if not token:
        section = settings.get("alerts") or {}
        token = str(section.get("token") or "").strip() if isinstance(section, dict) else ""
    if not token:
        raise ValidationError(
            f"no alert token: set {TOKEN_ENV}, store one in the keyring "
            f"({KEYRING_SERVICE}/{KEYRING_NAME}) or in the settings (alerts.token)."
        )
    if len(token) < MIN_TOKEN:
        raise ValidationError(f"the alert token is too short: use at least {MIN_TOKEN} characters.")
    return token


def _listen(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or int(port) > 65535:
        raise argparse.ArgumentTypeError(
            f"--listen wants HOST:PORT, e.g. 127.0.0.1:9095 (got {value!r})"
        )
    return host.strip("[]"), int(port)


def _report(run: Run, result: IngestResult) -> int:
    lines = [
        f"{o.alertname} ({o.fingerprint}) {o.status}: {o.action}"
        + (f" {o.ticket}" if o.ticket else "")
        for o in result.outcomes
    ]
    return run.result(
        {"summary": result.summary(), "alerts": list(result.outcomes)},
        "\n".join([*lines, result.summary()]),
    )


def cmd_ingest(run: Run) -> int:
    source = run.args.file
    if source in (None, "-"):
        raw = sys.stdin.buffer.read()
    else:
        try:
            with open(source, "rb") as handle:
                raw = handle.read()
        except OSError as exc:
            raise ValidationError(f"cannot read {source}: {exc.strerror or exc}") from None
    return _report(run, run.services.alerts.ingest(raw))


def cmd_serve(run: Run) -> int:
    host, port = run.args.listen
    token = alert_token(run.services.ctx.settings)
    try:
        server = make_server(host, port, token, run.services.alerts.ingest)
    except OSError as exc:
        raise ValidationError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    print(f"listening on {host}:{server.server_port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        server.server_close()
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    alert = sub.add_parser(
        "alert", help="alerts from system monitoring (Prometheus Alertmanager webhooks)"
    ).add_subparsers(dest="action", required=True)
    p = alert.add_parser(
        "ingest", parents=[common], help="record one webhook payload from a file or stdin"
    )
    p.add_argument("file", nargs="?", help="the JSON payload (default or '-': standard input)")
    p.set_defaults(func=cmd_ingest, needs_actor=False)
    p = alert.add_parser(
        "serve",
        parents=[common],
        help=f"receive webhooks over HTTP (token: {TOKEN_ENV}, keyring or settings)",
    )
    p.add_argument("--listen", type=_listen, required=True, metavar="HOST:PORT")
    p.set_defaults(func=cmd_serve, needs_actor=False)
