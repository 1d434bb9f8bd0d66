"""A tiny OAuth2 token-introspection endpoint (RFC 7662) for Dovecot's oauth2 passdb in tests.

Stdlib http.server in a thread on 127.0.0.1: POST token=... answers {"active": true,
"username": USER} for the one accepted token and {"active": false} for anything else.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


class IntrospectionServer:
    def __init__(self, token: str, username: str) -> None:
        self.token = token
        self.username = username
        self.requests: list[str] = []
        """Tokens asked about, in order (to show Dovecot really asked)."""
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode("ascii", "replace"))
                token = (form.get("token") or [""])[0]
                owner.requests.append(token)
                body = {"active": True, "username": owner.username} if token == owner.token \
                    else {"active": False}
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/introspect"

    def start(self) -> IntrospectionServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
