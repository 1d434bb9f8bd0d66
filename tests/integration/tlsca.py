"""A throwaway certificate authority for TLS tests (openssl CLI): a CA and a server certificate
for 127.0.0.1/localhost signed by it, plus an unrelated CA to show untrusted certificates fail."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def _make_ca(directory: Path, name: str) -> Path:
    _openssl("req", "-x509", *EC, "-keyout", f"{name}.key", "-out", f"{name}.pem", "-days", "2",
             "-subj", f"/CN=ordertake test {name}",
             "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=directory)
    return directory / f"{name}.pem"


@dataclass(frozen=True)
class TestCA:
    ca_file: Path
    other_ca_file: Path
    """A CA that signed nothing here: trusting only it must fail."""
    server_cert: Path
    server_key: Path


def make_test_ca(directory: Path) -> TestCA:
    directory.mkdir(parents=True, exist_ok=True)
    ca = _make_ca(directory, "ca")
    other = _make_ca(directory, "other-ca")
    _openssl("req", *EC, "-keyout", "server.key", "-out", "server.csr",
             "-subj", "/CN=localhost", cwd=directory)
    (directory / "server.ext").write_text(
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n")
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
             "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext",
             cwd=directory)
    (directory / "server.key").chmod(0o644)  # Dovecot reads it as root then drops; test-only
    return TestCA(ca, other, directory / "server.pem", directory / "server.key")
