"""Decoding of mail text and headers whatever the label says (pure: no I/O).

Japanese mail is often labelled ISO-2022-JP while it carries Microsoft's CP50220 extensions
(circled numbers, NEC/IBM rows), or labelled one charset and written in another. Decoding
converts ISO-2022-JP to CP932 bytes (the same code table, so the extensions survive), tries
the declared charset strictly, then the usual Japanese suspects, and only then replaces.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re

_ALIASES = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "ms_kanji": "cp932",
    "csshiftjis": "cp932",
    "euc-jp": "euc_jp",
    "x-euc-jp": "euc_jp",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
    "unknown-8bit": "utf-8",
    "x-unknown": "utf-8",
}
_ISO2022JP = {"iso-2022-jp", "iso2022jp", "iso-2022-jp-ms", "cp50220", "cp50221", "cp50222",
              "iso-2022-jp-1", "iso-2022-jp-2", "iso-2022-jp-3", "csiso2022jp"}
FALLBACKS = ("utf-8", "cp932", "euc_jp")

_ESC = re.compile(rb"\x1b(\$@|\$B|\$\(D|\$\(Q|\$\(O|\(B|\(J|\(I|\(H)")


_USER_ROWS = 0x75
_USER_LEAD_SHIFT = 5
"""JIS rows CP932 has no characters for (0x75-0x78, 0x7D-0x7E; 0x79-0x7C are the NEC-selected
IBM extensions, ⅱ and 髙) are where au and other handsets put their emoji (jpmobile's
au-attached.eml): CP50220 takes them as the user-defined area, which CP932 keeps five lead
bytes above where the plain Shift_JIS arithmetic lands (F0-F4 for EB-EF)."""
GETA = b"\x81\xac"
"""〓, JIS's own mark for a character that cannot be shown: one per code CP932 lacks."""


def _jis_pair_to_sjis(j1: int, j2: int) -> bytes:
    """One JIS X 0208 code (two 7-bit bytes) as its Shift_JIS/CP932 bytes: a code with no
    character there is taken from the user-defined area, else is 〓 (decoding its bytes would
    replace only the lead byte and read the trail byte as a stray half-width kana: テスト�ﾍ
    for テスト and an emoji)."""
    s1 = ((j1 + 1) >> 1) + (0x70 if j1 <= 0x5E else 0xB0)
    if j1 & 1:
        s2 = j2 + (0x1F if j2 <= 0x5F else 0x20)
    else:
        s2 = j2 + 0x7E
    for lead in (s1, s1 + _USER_LEAD_SHIFT) if j1 >= _USER_ROWS else (s1,):
        pair = bytes((lead & 0xFF, s2 & 0xFF))
        try:
            pair.decode("cp932")
        except UnicodeDecodeError:
            continue
        return pair
    return GETA


def iso2022jp_to_cp932(data: bytes) -> bytes:
    """ISO-2022-JP (incl. CP50220 extensions, half-width kana) re-encoded as CP932 bytes.

    Raises ValueError when the bytes are not 7-bit ISO-2022-JP (a mislabelled message).
    """
    out = bytearray()
    mode = "ascii"
    pos = 0
    for match in _ESC.finditer(data):
        out += _convert_run(data[pos : match.start()], mode)
        seq = match.group(1)
        mode = {b"(I": "kana"}.get(seq, "kanji" if seq.startswith(b"$") else "ascii")
        pos = match.end()
    out += _convert_run(data[pos:], mode)
    return bytes(out)


def _convert_run(run: bytes, mode: str) -> bytes:
    if any(b >= 0x80 for b in run):
        raise ValueError("8-bit byte inside ISO-2022-JP text")
    if mode == "ascii":
        return run
    if mode == "kana":
        return bytes(b + 0x80 if 0x21 <= b <= 0x5F else b for b in run)
    out = bytearray()
    i = 0
    while i < len(run):
        b = run[i]
        if b in (0x0A, 0x0D) or i + 1 >= len(run):
            out.append(b)  # a line end resets nothing in practice; keep it
            i += 1
            continue
        out += _jis_pair_to_sjis(b, run[i + 1])
        i += 2
    return bytes(out)


def _codec(label: str) -> str | None:
    name = label.strip().strip('"').lower()
    if not name:
        return None
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_text(data: bytes, charset: str | None = None) -> str:
    """Bytes as text: the declared charset if it fits, else UTF-8/CP932/EUC-JP, else replaced."""
    label = (charset or "").strip().strip('"').lower()
    is_jis = label in _ISO2022JP or (not label and b"\x1b$" in data)
    if is_jis or b"\x1b$B" in data or b"\x1b$@" in data:
        try:
            converted = iso2022jp_to_cp932(data)
        except ValueError:
            pass  # 8-bit bytes: mislabelled, try the others below
        else:
            # Carrier emoji rows have no CP932 code; replace them rather than lose the text.
            return converted.decode("cp932", errors="replace")
    tried: list[str] = []
    declared = _codec(label) if label else None
    for name in ([declared] if declared else []) + list(FALLBACKS):
        if name in tried:
            continue
        tried.append(name)
        try:
            return data.decode(name)
        except UnicodeDecodeError:
            continue
    return data.decode(declared or "utf-8", errors="replace")


_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=")


def _decode_word_bytes(encoding: str, text: str) -> bytes:
    if encoding.lower() == "b":
        cleaned = re.sub(r"[^A-Za-z0-9+/]", "", text)
        cleaned = cleaned[: len(cleaned) - len(cleaned) % 4] if len(cleaned) % 4 == 1 else cleaned
        try:
            return base64.b64decode(cleaned + "=" * (-len(cleaned) % 4))
        except (binascii.Error, ValueError):
            return text.encode("ascii", "replace")
    data = text.replace("_", " ").encode("ascii", "surrogateescape")
    return quopri.decodestring(data, header=True)


def decode_header(value: object) -> str:
    """An RFC 2047 header value (or raw 8-bit bytes in it) as clean unfolded text.

    Adjacent encoded words in one charset are joined before decoding, since senders split
    ISO-2022-JP and UTF-8 sequences across words.
    """
    if value is None:
        return ""
    raw = str(value)
    raw = re.sub(r"\r?\n[ \t]*|\r[ \t]*", " ", raw)
    pieces: list[str] = []
    pending_charset: str | None = None
    pending = bytearray()
    pos = 0

    def flush() -> None:
        nonlocal pending_charset
        if pending_charset is not None:
            charset = pending_charset.split("*", 1)[0]  # RFC 2231 language suffix
            pieces.append(decode_text(bytes(pending), charset))
            pending.clear()
            pending_charset = None

    for match in _ENCODED_WORD.finditer(raw):
        between = raw[pos : match.start()]
        if between.strip() or pending_charset is None:
            flush()
            pieces.append(_raw_text(between))
        charset, encoding, text = match.groups()
        if pending_charset is not None and charset.lower() != pending_charset.lower():
            flush()
        pending_charset = charset
        pending += _decode_word_bytes(encoding, text)
        pos = match.end()
    flush()
    pieces.append(_raw_text(raw[pos:]))
    return re.sub(r"\s+", " ", "".join(pieces)).strip()


def _raw_text(text: str) -> str:
    """Header text outside encoded words; raw 8-bit bytes arrive surrogate-escaped."""
    if not text:
        return ""
    data = text.encode("utf-8", "surrogateescape")
    return decode_text(data, None)
