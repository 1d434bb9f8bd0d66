"""Building test e-mails (real MIME via the standard library) for the intake tests."""

from __future__ import annotations

import io
import uuid
from email.message import EmailMessage

from PIL import Image


def tiff_page(text_seed: int = 0) -> bytes:
    """A small but fax-sized (1728 px wide) bilevel TIFF; its bytes vary with `text_seed`."""
    image = Image.new("1", (1728, 600), 1)
    for x in range(100, 100 + 40 * (text_seed % 20 + 1), 40):
        for y in range(100, 140):
            image.putpixel((x, y), 0)
    out = io.BytesIO()
    image.save(out, format="TIFF", compression="group4")
    return out.getvalue()


def order_mail(subject: str = "注文書", *, attachment: bytes | None = None,
               filename: str = "注文書.tif", body: str = "いつもお世話になっております。",
               sender: str = "customer@example.co.jp", message_id: str | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"山田商店 <{sender}>"
    msg["To"] = "orders@example.jp"
    msg["Subject"] = subject
    msg["Message-ID"] = message_id or f"<{uuid.uuid4().hex}@example.co.jp>"
    msg["Date"] = "Fri, 20 Nov 2026 09:30:00 +0900"
    msg.set_content(body)
    if attachment is not None:
        msg.add_attachment(attachment, maintype="image", subtype="tiff", filename=filename)
    return msg.as_bytes()
