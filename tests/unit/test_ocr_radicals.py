"""Radical code points from PDF text layers and pasted text become the kanji they stand for."""

from __future__ import annotations

from ordertake.ocr.radicals import fold_radicals
from ordertake.ocr.textpages import text_pages


def test_radicals_standing_for_whole_kanji_fold_to_the_kanji() -> None:
    assert fold_radicals("東洋飲料\u2ee8茶 2L") == "東洋飲料麦茶 2L"  # ⻨ CJK RADICAL WHEAT
    assert fold_radicals("発注\u2f47 \u2fa6額 品名\u2027規格") == "発注日 金額 品名・規格"
    assert fold_radicals("麦茶 ⻌") == "麦茶 ⻌"  # a radical that is no character stays


def test_a_mail_pasted_from_such_a_pdf_reads_as_kanji() -> None:
    (page,) = text_pages("東洋飲料 \u2ee8茶 2L 2ケース")
    assert [w.text for w in page.words] == ["東洋飲料", "麦茶", "2L", "2ケース"]
