"""ingest.mime.unpack: the text of a broken mail is read, not skipped (pure, no I/O).

Cases found in the real-world mails (../shared/realworld/eml; tests/integration/
test_mail_realworld_bodies.py reads those files themselves).
"""

from __future__ import annotations

import base64

from ordertake.ingest.mime import unpack


def test_base64_body_with_one_extra_character_is_decoded():
    # 4n+1 characters: the email package gave back the base64 text itself as the body.
    raw = (b"Subject: order\nContent-Type: text/plain; charset=utf-8\n"
           b"Content-Transfer-Encoding: base64\n\n"
           + base64.b64encode("緑茶 350ml 6本".encode()) + b"A\n")
    assert unpack(raw).body_text == "緑茶 350ml 6本"


def test_text_mislabelled_base64_is_kept_as_written():
    raw = (b"Subject: x\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
           b"please send two cases now\n")  # 21 letters: 4n+1
    assert unpack(raw).body_text == "please send two cases now"


def test_multipart_without_boundary_lines_is_read_as_text():
    raw = (b"Subject: order\nContent-Type: multipart/alternative; boundary=\"b1\"\n\n"
           b"green tea 6 cases\n")
    mail = unpack(raw)
    assert mail.body_text == "green tea 6 cases"
    assert not mail.skipped


def test_alternative_with_empty_last_part_takes_the_part_with_text():
    # The closing boundary is missing: the last delimiter opens an empty part.
    raw = (b"Subject: order\nContent-Type: multipart/alternative; boundary=\"alt\"\n\n"
           b"--alt\nContent-Type: text/html; charset=utf-8\n\n<p>green tea 6 cases</p>\n"
           b"--alt\n\n")
    assert unpack(raw).body_text == "green tea 6 cases"
