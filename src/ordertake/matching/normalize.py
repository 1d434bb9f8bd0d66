"""Text normalisation shared by everything that compares text (pure).

`normalize` folds the ways one thing is written on Japanese order forms: NFKC (full-width
digits/letters → half-width, half-width katakana → full-width, ㈱ → (株)), case, spaces, dash and
long-vowel variants, and the legal forms 株式会社/(株) and 有限会社/(有).
Sizes and packs become values in `sizes.py`; phone numbers in `ordertake.contact_keys`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache

from ordertake.contact_keys import email_key, phone_key

__all__ = [
    "company_key",
    "email_key",
    "fold_kana",
    "normalize",
    "normalize_code",
    "phone_key",
]

MAX_TEXT = 2000
"""Longer input is cut: no order line or name is longer, and it bounds the matching work."""

# Dashes, minus signs and long-vowel marks that OCR and keyboards mix up.
_DASHES = re.compile(r"[‐‑‒–—―−─━ｰー－~〜～]")
_LEGAL_FORMS = (
    ("株式会社", "(株)"),
    ("有限会社", "(有)"),
    ("合同会社", "(同)"),
    ("(株)", "(株)"),
)
# Kanji that customers and masters write in kana or kanji interchangeably (表記ゆれ),
# folded to the kana form so 醤油 and しょうゆ compare equal.
_WRITTEN_VARIANTS = (
    ("醤油", "しょうゆ"),
    ("味噌", "みそ"),
    ("胡麻", "ごま"),
    ("鰹", "かつお"),
    ("海老", "えび"),
    ("蕎麦", "そば"),
    ("饂飩", "うどん"),
    ("玉子", "たまご"),
    ("鶏卵", "たまご"),  # the trade word for eggs; customers write 卵 or 玉子
    ("卵", "たまご"),
    ("味醂", "みりん"),
    ("生姜", "しょうが"),
    ("葱", "ねぎ"),
    ("烏龍", "うーろん"),
    ("珈琲", "こーひー"),
    ("濃口", "こいくち"),
    ("薄口", "うすくち"),
    ("海苔", "のり"),
    ("煎餅", "せんべい"),
    ("林檎", "りんご"),
    ("葡萄", "ぶどう"),
    ("胡椒", "こしょう"),
    ("人参", "にんじん"),
    ("玉葱", "たまねぎ"),
    ("牛蒡", "ごぼう"),
    ("蒟蒻", "こんにゃく"),
    ("焼き", "焼"),
    ("揚げ", "揚"),
)
_VARIANT_MAP = dict(_WRITTEN_VARIANTS)
_KANA_WORD = re.compile(r"[ぁ-ゖー]+")
_VARIANT_RE = re.compile("|".join(re.escape(k) for k, _ in _WRITTEN_VARIANTS))
# OCR reads katakana as the kanji they look like (ロ→口, ー→一); inside a katakana word, undo it.
_KATAKANA_LOOKALIKE = {
    "口": "ロ",
    "一": "-",
    "力": "カ",
    "工": "エ",
    "夕": "タ",
    "二": "ニ",
    "八": "ハ",
    "卜": "ト",
}
_KANJI_IN_KATAKANA = re.compile(r"(?<=[ァ-ヺ\-])[口一力工夕二八卜]|[口一力工夕二八卜](?=[ァ-ヺ\-])")
# And the other way: a katakana that looks like a kanji, standing beside a kanji with no kana
# word around it (辛ロ for 辛口, 加エ for 加工), is that kanji.
_KANJI_LOOKALIKE = {v: k for k, v in _KATAKANA_LOOKALIKE.items() if v != "-"}
_KATAKANA_IN_KANJI = re.compile(
    r"(?<=[一-龯々])[ロカエタニハト](?![ァ-ヺー\-])|(?<![ァ-ヺー\-])[ロカエタニハト](?=[一-龯々])"
)
_HIRA_TO_KATA = {c: c + 0x60 for c in range(ord("ぁ"), ord("ゖ") + 1)}


@cache
def _half_variants() -> list[tuple[str, str]]:
    """Two-kanji spellings and their kana as `fold_kana` leaves them (ショ-ユ)."""
    return [(spelled, fold_kana(normalize(kana))) for spelled, kana in _WRITTEN_VARIANTS
            if len(spelled) == 2 and _KANA_WORD.fullmatch(kana)]


def half_variants(text: str, unknown: set[str]) -> list[tuple[str, str]]:
    """Two-kanji spellings of `_WRITTEN_VARIANTS` in folded text with one kanji read as written
    and the other misread into a character of `unknown` (味酔 for 味醂): (the two characters as
    read, the kana they spell, folded as the text is)."""
    out = []
    for k in range(len(text) - 1):
        pair = text[k : k + 2]
        if not (pair[0] in unknown or pair[1] in unknown):
            continue  # a whole spelling is folded already
        for spelled, kana in _half_variants():
            kept = [a == b for a, b in zip(pair, spelled, strict=True)]
            if any(kept) and all(same or a in unknown
                                 for same, a in zip(kept, pair, strict=True)):
                out.append((pair, kana))
    return out


# A garment-style size letter glued to a count (卵L10個, 玉子LL6個): the size and the count
# are two words. Found before lower-casing, where L is still no misread 1 (OCR gives l or I).
_SIZE_LETTER_COUNT = re.compile(r"(?<![A-Za-z0-9.])(LL|L|M)(?=\d)")
# A size letter L read as the kana or stroke it looks like (鶏卵しサイズ for 鶏卵Lサイズ): no
# word ends in し, レ or | right before サイズ.
_GARBLED_L_SIZE = re.compile(r"(?<![ぁ-ゖ])[しレ|](?=サイズ)")

SEP = "\x00"
"""Joins many texts into one string for batch work; no pattern here matches or spans it."""


def normalize(text: str | None) -> str:
    """One comparable spelling: NFKC, lower case, one space, '-' for every dash/long vowel."""
    return normalize_many([text])[0]


def normalize_many(texts: Sequence[str | None]) -> list[str]:
    """`normalize` for many texts at once (one pass over a joined string: fast for a master)."""
    if not texts:
        return []
    joined = SEP.join((t or "")[:MAX_TEXT].replace(SEP, " ") for t in texts)
    out = unicodedata.normalize("NFKC", joined)
    out = _GARBLED_L_SIZE.sub("L", out)
    out = _SIZE_LETTER_COUNT.sub(r"\1 ", out).lower().replace("ℓ", "l")
    out = _DASHES.sub("-", out)
    for long_form, short_form in _LEGAL_FORMS:
        out = out.replace(long_form, short_form)
    out = out.replace("( ", "(").replace(" )", ")")
    return [" ".join(part.split()) for part in out.split(SEP)]


# A long o or u is spelled ウ in a reading (ギョウザ, ギュウニュウ) and ー in everyday katakana
# (ギョーザ, ギューニュー): both become the long mark.
_O_OR_U = "オコゴソゾトドノホボポモヨョロヲォ" + "ウクグスズツヅヌフブプムユュルゥ"
_LONG_VOWEL = re.compile(f"(?<=[{_O_OR_U}])ウ")


def fold_kana(text: str) -> str:
    """Hiragana → katakana, common kanji spellings → kana, a long vowel's ウ → ー (for matching
    keys only)."""
    text = _VARIANT_RE.sub(lambda m: _VARIANT_MAP[m.group(0)], text)
    text = text.translate(_HIRA_TO_KATA)
    text = _KANJI_IN_KATAKANA.sub(lambda m: _KATAKANA_LOOKALIKE[m.group(0)], text)
    # Only then a katakana beside a kanji: カ口 is the katakana word カロ, not 力口.
    text = _KATAKANA_IN_KANJI.sub(lambda m: _KANJI_LOOKALIKE[m.group(0)], text)
    return _LONG_VOWEL.sub("-", text)


_COMPANY_FORMS = re.compile(
    r"\((株|有|同|合|名|資|医|社|財)\)|株式会社|有限会社|合同会社|合資会社|合名会社"
    r"|社会福祉法人|医療法人社団|医療法人|一般社団法人|一般財団法人|御中|様|殿"
)
_NOT_WORD = re.compile(r"[\s\-・.,、。()（）「」\[\]]")


def company_key(name: str | None) -> str:
    """A company name without its legal form, honorifics, spaces and punctuation."""
    text = normalize(name)
    text = _COMPANY_FORMS.sub("", text)
    return _NOT_WORD.sub("", text)


# Characters OCR confuses in codes, folded to one representative (letters → digits).
_OCR_CODE = str.maketrans(
    {
        "o": "0",
        "q": "0",
        "d": "0",
        "i": "1",
        "l": "1",
        "|": "1",
        "s": "5",
        "b": "8",
        "z": "2",
        "g": "6",
        "t": "7",
    }
)
_CODE_JUNK = re.compile(r"[\s\-_./・]")


def normalize_code(code: str | None) -> str:
    """A product code compared loosely: no separators, OCR look-alikes folded (O/0, I/l/1, ...)."""
    return loose_code(normalize(code))


def loose_code(norm: str) -> str:
    """`normalize_code` of text that is already normalised."""
    return _CODE_JUNK.sub("", norm).translate(_OCR_CODE)
