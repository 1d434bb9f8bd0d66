"""Phones' emoji in ISO-2022-JP mail: one character each, no stray kana (pure, no I/O)."""

from __future__ import annotations

from ordertake.ingest.charsets import decode_header, decode_text

# au's emoji sit in JIS rows CP932 has no characters for (jpmobile's au-attached.eml:
# カレンダーだ followed by the emoji at JIS 0x764F).
AU_MAIL = b"\x1b$B%+%l%s%@!<$@vO\x1b(B"


def test_au_emoji_is_one_private_use_character():
    text = decode_text(AU_MAIL, "iso-2022-jp")
    assert text[:-1] == "カレンダーだ"
    assert "\ue000" <= text[-1] <= "\uf8ff"  # was '�ﾍ': the trail byte read as a kana


def test_au_emoji_in_subject_leaves_no_stray_kana():
    assert decode_header("=?iso-2022-jp?B?GyRCJUYlOSVIdk8bKEI=?=")[:-1] == "テスト"


def test_nec_selected_ibm_rows_keep_their_characters():
    assert decode_text(b"\x1b$By!\x1b(B", "iso-2022-jp") == "纊"  # row 0x79, not user area


def test_code_with_no_character_anywhere_is_one_geta():
    assert decode_text(b"\x1b$B)!\x1b(B", "iso-2022-jp") == "〓"
