"""Real-world mails whose body text was lost before (../shared/realworld/eml): the text is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from ordertake.ingest.mime import unpack

EML = Path(__file__).resolve().parents[2].parent / "shared" / "realworld" / "eml"

BODIES = {
    # base64 with one character too many (4n+1): was the base64 text itself
    "malformed/enmime__extra-base64-character.eml": "Hello World!",
    # multipart whose boundary never occurs: the body was skipped as an attachment
    "malformed/mime4j__missing-boundary.eml": "AAA",
    "malformed/mime4j__missing-inner-boundary.eml": "Foo\n\nAAA",
    "malformed/enmime__multipart-wo-boundary.eml": "I'm  multipart message without boundary",
    # alternative whose last part is empty (closing boundary missing): the HTML was lost
    "malformed/stalwart__malformed-020.eml": "HTML Body",
    # text labelled base64 stays as written
    "malformed/enmime__mime-bad-content-transfer-encoding.eml": "ploozdect  nispplul",
}


@pytest.mark.parametrize("name", sorted(BODIES))
def test_body_text_is_read(name: str):
    path = EML / name
    assert unpack(path.read_bytes()).body_text.startswith(BODIES[name])


@pytest.mark.parametrize(("name", "text"), [
    ("attachments/jpmobile__au-attached.eml", "カレンダーだ"),
    ("japanese/jpmobile__au-decomail.eml", "テストです"),
])
def test_au_emoji_is_one_character_not_a_stray_kana(name: str, text: str):
    # ISO-2022-JP with au's emoji: was 'カレンダーだ�ﾍ', the emoji's trail byte read as a kana.
    path = EML / name
    body = unpack(path.read_bytes()).body_text
    assert body[:-1] == text and "\ue000" <= body[-1] <= "\uf8ff"


@pytest.mark.parametrize("name", [
    "malformed/stalwart__malformed-019.eml",  # a raw message pasted into the body
    "japanese/sisimai__lhost-notes-01.eml",  # a bounce quoting the returned message's header
])
def test_mail_header_lines_in_a_body_order_nothing(name: str):
    from ordertake.domain import SourceMeta
    from ordertake.ingest.bodyorder import order_text
    from ordertake.ocr.textpages import text_pages
    from ordertake.parse.order import parse_pages

    path = EML / name
    body = order_text(unpack(path.read_bytes()).body_text)
    drafts = parse_pages(text_pages(body), SourceMeta(filename=path.name))
    described = [ln.description.lower() for d in drafts for ln in d.lines]
    assert not [d for d in described if "mime-version" in d or "message-id" in d]
