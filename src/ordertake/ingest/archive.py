"""Zip attachments of order documents, opened in memory within limits (pure: no I/O).

Limits stop zip bombs: member count, total and per-member uncompressed size, compression
ratio, no nested archives. Member names are only labels (NFC), never paths.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class ZipLimits:
    max_members: int = 50
    max_member_bytes: int = 40_000_000
    max_total_bytes: int = 200_000_000
    max_ratio: int = 200


@dataclass(frozen=True)
class ZipMember:
    name: str
    data: bytes


@dataclass(frozen=True)
class ZipResult:
    members: tuple[ZipMember, ...]
    problems: tuple[str, ...]
    """One explanation per member (or for the whole archive) that was not taken."""


def _member_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & 0x800:
        # Without the UTF-8 flag Japanese archivers wrote CP932; zipfile decoded it as CP437.
        try:
            name = name.encode("cp437").decode("cp932")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    base = name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return unicodedata.normalize("NFC", base)


def unpack_zip(data: bytes, limits: ZipLimits | None = None) -> ZipResult:
    """The files inside a zip archive, or the reasons they were not taken."""
    limits = limits or ZipLimits()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        return ZipResult((), (f"zip archive cannot be opened: {exc}",))
    problems: list[str] = []
    if len(infos) > limits.max_members:
        problems.append(f"zip has {len(infos)} files; only the first {limits.max_members} taken")
        infos = infos[: limits.max_members]
    members: list[ZipMember] = []
    total = 0
    for info in infos:
        name = _member_name(info)
        if info.flag_bits & 0x1:
            problems.append(f"{name}: encrypted in the zip; send it without a password")
            continue
        if info.file_size > limits.max_member_bytes:
            problems.append(f"{name}: {info.file_size} bytes unpacked, above the limit")
            continue
        if info.compress_size and info.file_size / info.compress_size > limits.max_ratio:
            problems.append(f"{name}: compression ratio too high (zip bomb?)")
            continue
        if total + info.file_size > limits.max_total_bytes:
            problems.append(f"{name}: archive unpacks to more than {limits.max_total_bytes} bytes")
            break
        try:
            with archive.open(info) as fh:
                # Read one byte past the limit: the header's size may lie.
                content = fh.read(limits.max_member_bytes + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            problems.append(f"{name}: cannot be unpacked ({exc})")
            continue
        if len(content) > limits.max_member_bytes:
            problems.append(f"{name}: unpacks larger than its header says; not taken")
            continue
        total += len(content)
        members.append(ZipMember(name, content))
    return ZipResult(tuple(members), tuple(problems))
