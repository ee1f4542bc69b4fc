"""The small HTTP receiver behind ``supportdesk alert serve``: Alertmanager's webhook
posts its JSON here (standard library ``http.server``; one request at a time, so
SQLite's single writer is never contended by ourselves).

Every request must carry ``Authorization: Bearer <token>``; the token is compared in
constant time. Answers are JSON: 200 with what was recorded; 401 for a missing or wrong
token; 400 for a payload we cannot understand or map (Alertmanager does not retry a
4xx, and a retry would not help); 409 when a concurrent desk recorded the same alert
(retrying helps); 503 when the database is unavailable (retrying helps).
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

from app.domain.alertmanager import MAX_PAYLOAD_BYTES
from app.domain.errors import (
    Conflict,
    DatabaseUnavailable,
    DomainError,
    describe,
)
from app.services.alerts import IngestResult
from app.services.dto import to_jsonable

log = logging.getLogger("supportdesk.alerts")
PATHS = ("/", "/alerts", "/api/v1/alerts")


def make_server(
    host: str, port: int, token: str, ingest: Callable[[bytes], IngestResult]
) -> HTTPServer:
    """A server bound to ``host:port`` (port 0: any free port; see ``server_port``)."""
    secret = token.encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        server_version = "SupportDesk-alerts"
        protocol_version = "HTTP/1.1"
        # One request at a time: a client that stalls must not hold the receiver forever.
        timeout = 30

        def do_POST(self) -> None:
            if self.path.split("?")[0] not in PATHS:
                self._answer(404, {"error": f"no such endpoint {self.path!r}; POST to /alerts."})
                return
            given = self.headers.get("Authorization", "")
            scheme, _, credential = given.partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(
                credential.strip().encode("utf-8"), secret
            ):
                self._answer(
                    401,
                    {"error": "missing or wrong token (Authorization: Bearer …)."},
                    {"WWW-Authenticate": 'Bearer realm="supportdesk"'},
                )
                return
            length = self.headers.get("Content-Length")
            if length is None or not length.isdigit():
                self._answer(411, {"error": "the request needs a Content-Length."})
                return
            if int(length) > MAX_PAYLOAD_BYTES:
                self._answer(413, {"error": f"payload over {MAX_PAYLOAD_BYTES} bytes."})
                return
            body = self.rfile.read(int(length))
            try:
                result = ingest(body)
            except Conflict as exc:
                self._answer(409, {"error": describe(exc)})
            except DatabaseUnavailable as exc:
                self._answer(503, {"error": describe(exc)})
            except DomainError as exc:
                self._answer(400, {"error": describe(exc)})
            except Exception:
                log.exception("alert ingestion failed")
                self._answer(500, {"error": "unexpected error; see the receiver's log."})
            else:
                self._answer(
                    200,
                    {
                        "ok": True,
                        "summary": result.summary(),
                        "alerts": to_jsonable(list(result.outcomes)),
                    },
                )

        def do_GET(self) -> None:
            self._answer(405, {"error": "POST Alertmanager webhook JSON here."}, {"Allow": "POST"})

        def _answer(self, code: int, body: Any, headers: dict[str, str] | None = None) -> None:
            data = (json.dumps(body, ensure_ascii=False) + "\n").encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            log.info("%s %s", self.address_string(), format % args)

    return HTTPServer((host, port), Handler)
