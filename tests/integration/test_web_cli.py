"""`ordertake users add … --token` and `ordertake serve` as a user runs them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ORDERTAKE = [sys.executable, "-m", "ordertake"]


def _run(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*ORDERTAKE, *args], env=env, capture_output=True, text=True,
                          input=stdin, timeout=60)


def test_users_add_prints_a_working_token_and_serve_answers(tmp_path: Path) -> None:
    env = {**os.environ, "ORDERTAKE_DATA_DIR": str(tmp_path / "var"),
           "ORDERTAKE_DATABASE_URL": f"sqlite:///{tmp_path / 'ot.db'}"}
    assert _run(env, "init").returncode == 0
    added = _run(env, "users", "add", "script", "--role", "clerk", "--token")
    assert added.returncode == 0, added.stderr
    token = added.stdout.strip().splitlines()[-1]
    assert token.startswith("otk_") and len(token) > 30
    dup = _run(env, "users", "add", "script", "--role", "clerk", "--password", "abcd")
    assert dup.returncode == 2 and "exists already" in dup.stderr and "Traceback" not in dup.stderr
    bad = _run(env, "users", "add", "x", "--role", "boss", "--password", "abcd")
    assert bad.returncode == 2 and "--role clerk" in bad.stderr
    assert "script\tclerk\tactive" in _run(env, "users", "list").stdout

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([*ORDERTAKE, "serve", "--port", str(port), "--no-worker",
                               "--no-poller"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, server.stdout.read()
            time.sleep(0.2)
        assert httpx.get(f"{base}/api/orders").status_code == 401
        listed = httpx.get(f"{base}/api/orders", headers={"Authorization": f"Bearer {token}"})
        assert listed.status_code == 200 and listed.json() == {"total": 0, "orders": []}
    finally:
        server.terminate()
        server.wait(10)
    assert token not in (server.stdout.read() or b"").decode()  # never logged
