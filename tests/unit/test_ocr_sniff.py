"""sniff_mime decides the type from the bytes only."""

from __future__ import annotations

import pytest

from ordertake.ocr.sniff import sniff_mime


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", "application/pdf"),
        (b"garbage before the header\n%PDF-1.4\n", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"II*\x00\x08\x00\x00\x00", "image/tiff"),
        (b"MM\x00*\x00\x00\x00\x08", "image/tiff"),
        (b"GIF89a\x01\x00", "image/gif"),
        (b"BM" + b"\x00" * 12 + (40).to_bytes(4, "little") + b"\x00" * 20, "image/bmp"),
        (b"PK\x03\x04\x14\x00", "application/zip"),
        (b"From: a@example.com\r\nTo: b@example.com\r\nSubject: x\r\n\r\nbody", "message/rfc822"),
        (b"From a@b Mon Jan 1\nReturn-Path: <a@b>\nReceived: x\n\nbody", "message/rfc822"),
        ("醤油 特選丸大豆1.8L 6本\n緑茶 2ケース\n".encode(), "text/plain"),
        ("発注書\r\n数量 10\r\n".encode("cp932"), "text/plain"),
        # An English order sheet saved as CSV: its label cells are no mail headers.
        (b"PURCHASE ORDER,,,\r\nTo:,ACME,PO No.,A1\r\nFrom:,Shop,Date,2026/12/13\r\n",
         "text/plain"),
        (b"", ""),
        (b"\x00\x01\x02\x03\xfe\xff" * 50, ""),
        (b"BMP is not enough", "text/plain"),
    ],
)
def test_sniff_from_bytes(data: bytes, expected: str) -> None:
    assert sniff_mime(data) == expected


def test_name_is_never_consulted() -> None:
    # The same bytes give the same answer whatever a caller thinks the file is.
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
    assert sniff_mime(png) == "image/png"
