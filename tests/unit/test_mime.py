"""ingest.mime.unpack: charsets, forwards, attachments by content, limits (pure, no I/O)."""

from __future__ import annotations

import base64
import io
import zipfile
from email.message import EmailMessage

from PIL import Image

from ordertake.ingest.charsets import decode_header, decode_text
from ordertake.ingest.faxmeta import fax_from_filename, fax_from_subject
from ordertake.ingest.mime import unpack

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("L", (width, height), 255).save(out, format="PNG")
    return out.getvalue()


def _mail(**kw) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = kw.get("sender", "Yamada <yamada@example.co.jp>")
    msg["To"] = "orders@example.jp"
    msg["Subject"] = kw.get("subject", "注文書")
    msg["Message-ID"] = "<m1@example.co.jp>"
    msg.set_content(kw.get("body", "よろしくお願いします"))
    return msg


def test_iso2022jp_with_cp50220_extensions_decodes():
    # ① (NEC row 13) is outside JIS X 0208; strict ISO-2022-JP decoders lose it.
    raw = b"\x1b$B-!\x1b(B test"
    assert decode_text(raw, "iso-2022-jp") == "① test"
    assert decode_header("=?ISO-2022-JP?B?GyRCLSEbKEI=?=") == "①"


def test_mislabelled_and_unknown_charsets_fall_back():
    sjis = "発注書".encode("cp932")
    assert decode_text(sjis, "iso-2022-jp") == "発注書"
    assert decode_text("注文".encode(), "us-ascii") == "注文"
    assert decode_text("注文".encode(), "fakescii") == "注文"


def test_encoded_words_split_mid_character_are_joined():
    data = "発注".encode()
    first, second = base64.b64encode(data[:4]).decode(), base64.b64encode(data[4:]).decode()
    assert decode_header(f"=?UTF-8?B?{first}?=\r\n =?UTF-8?B?{second}?=") == "発注"


def test_attachments_by_content_not_by_label():
    msg = _mail()
    msg.add_attachment(PDF, maintype="application", subtype="octet-stream", filename="scan.bin")
    msg.add_attachment(_png(1700, 2300), maintype="image", subtype="png", filename="p.png")
    msg.add_attachment(_png(120, 40), maintype="image", subtype="png", filename="logo.png")
    msg.add_attachment(b"", maintype="application", subtype="pdf", filename="empty.pdf")
    mail = unpack(msg.as_bytes())
    assert [(a.filename, a.content_type) for a in mail.attachments] == [
        ("scan.bin", "application/pdf"), ("p.png", "image/png")]
    reasons = {s.filename: s.reason for s in mail.skipped}
    assert "logo" in reasons["logo.png"] and "0 bytes" in reasons["empty.pdf"]


def test_rfc2231_name_is_nfc_and_never_a_path():
    msg = _mail()
    # NFD "が" and a path: the label keeps neither the decomposition nor the directories.
    msg.add_attachment(PDF, maintype="application", subtype="pdf",
                       filename="../../etc/ちゅうもんか\u3099.pdf")
    mail = unpack(msg.as_bytes())
    assert mail.attachments[0].filename == "ちゅうもんが.pdf"


def test_forward_as_attachment_is_unpacked_recursively_and_original_sender_kept():
    inner = _mail(sender="客 <buyer@customer.co.jp>", subject="FAX受信 06-1234-5678")
    inner.add_attachment(PDF, maintype="application", subtype="pdf", filename="order.pdf")
    current = inner
    for depth in range(10):  # nested forwards 10 deep
        outer = _mail(sender="staff@example.jp", subject=f"Fwd{depth}", body="転送します")
        outer.add_attachment(current)
        current = outer
    mail = unpack(current.as_bytes())
    assert len(mail.attachments) == 1
    assert mail.original.sender == "buyer@customer.co.jp"
    assert mail.attachments[0].fax_number == "0612345678"
    assert mail.headers.sender == "staff@example.jp"


def test_inline_forward_header_gives_original_sender():
    body = "転送します\n\n-----Original Message-----\nFrom: 客 <buyer@customer.co.jp>\n" \
           "Sent: Friday\nSubject: 注文\n\nA-1 6本"
    mail = unpack(_mail(sender="staff@example.jp", body=body).as_bytes())
    assert mail.original.sender == "buyer@customer.co.jp" and "A-1 6本" in mail.body_text


def test_html_only_body_becomes_text_with_table_rows():
    msg = EmailMessage()
    msg["From"] = "a@example.jp"
    msg.set_content("<html><body><table><tr><td>A-1</td><td>6</td></tr>"
                    "<tr><td>B-2</td><td>2</td></tr></table><script>x()</script></body></html>",
                    subtype="html")
    mail = unpack(msg.as_bytes())
    assert mail.body_text.splitlines() == ["A-1\t6", "B-2\t2"]


def test_paragraphs_inside_table_cells_keep_the_row_on_one_line():
    # Outlook (Word HTML) writes every cell's text as a paragraph: <td><p>…</p></td>.
    msg = EmailMessage()
    msg["From"] = "a@example.jp"
    msg.set_content("<html><body><p class=MsoNormal>下記の通り<o:p></o:p></p><table><tr>"
                    "<td><p class=MsoNormal>麦茶 2L<o:p></o:p></p></td>"
                    "<td><p class=MsoNormal align=right>3</p></td><td><p>ケース<br>"
                    "(24本)</p></td></tr></table><p>以上</p></body></html>", subtype="html")
    mail = unpack(msg.as_bytes())
    lines = [line for line in mail.body_text.splitlines() if line]
    assert lines == ["下記の通り", "麦茶 2L\t3\tケース (24本)", "以上"]


def test_zip_of_pdfs_is_unpacked_with_cp932_names():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("XXXX1.pdf", PDF)
        archive.writestr("readme.txt", "hello")
    # Japanese archivers write CP932 names without the UTF-8 flag.
    raw = data.getvalue().replace(b"XXXX1.pdf", "注文1.pdf".encode("cp932"))
    msg = _mail()
    msg.add_attachment(raw, maintype="application", subtype="zip", filename="f.zip")
    mail = unpack(msg.as_bytes())
    assert [a.filename for a in mail.attachments] == ["注文1.pdf"]
    assert any("readme.txt" in s.filename for s in mail.skipped)


def test_broken_input_never_raises():
    for raw in (b"", b"garbage", b"Content-Type: multipart/mixed\n\n--x\n",
                b"Content-Transfer-Encoding: base64\nContent-Type: application/pdf\n\n!!!"):
        assert unpack(raw) is not None


def test_bounce_is_marked_auto_reply():
    msg = _mail(sender="MAILER-DAEMON@example.jp")
    assert "bounce" in unpack(msg.as_bytes()).auto_reply


def test_fax_numbers_from_gateway_metadata():
    assert fax_from_subject("FAX受信 送信元:０３−１２３４−５６７８ 2枚") == "0312345678"
    assert fax_from_filename("fax_0451234567_20261120093000.tif") == "0451234567"
    assert fax_from_filename("scan_20261120093000.tif") == ""


def test_oversized_attachment_is_skipped_with_reason():
    from ordertake.ingest.mime import MimeLimits

    msg = _mail()
    msg.add_attachment(PDF + b"0" * 5000, maintype="application", subtype="pdf", filename="big.pdf")
    mail = unpack(msg.as_bytes(), MimeLimits(max_attachment_bytes=1000))
    assert not mail.attachments and "limit" in mail.skipped[0].reason


def test_a_mail_whose_only_text_is_an_attached_txt_reads_it_as_its_body() -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "buyer@example.co.jp", "orders@example.co.jp", "注文"
    msg.set_content("")
    order = "醤油 特選丸大豆1.8L 6本\n・緑茶525ml ×2ケース\n"
    msg.add_attachment(order.encode("cp932"), maintype="text", subtype="plain",
                       filename="注文.txt")
    mail = unpack(msg.as_bytes())
    assert mail.body_text.strip() == order.strip()
    assert mail.skipped == () and mail.attachments == ()
