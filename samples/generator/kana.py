"""Full-width ↔ half-width conversions customers' software produces (ｼｮｳﾕ, ６本)."""

from __future__ import annotations

_FULL = (
    "ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトド"
    "ナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロワヲンヴー・「」、。"
)
_HALF = (
    "ｧ ｱ ｨ ｲ ｩ ｳ ｪ ｴ ｫ ｵ ｶ ｶﾞ ｷ ｷﾞ ｸ ｸﾞ ｹ ｹﾞ ｺ ｺﾞ ｻ ｻﾞ ｼ ｼﾞ ｽ ｽﾞ ｾ ｾﾞ ｿ ｿﾞ ﾀ ﾀﾞ ﾁ ﾁﾞ ｯ ﾂ ﾂﾞ ﾃ ﾃﾞ ﾄ ﾄﾞ "
    "ﾅ ﾆ ﾇ ﾈ ﾉ ﾊ ﾊﾞ ﾊﾟ ﾋ ﾋﾞ ﾋﾟ ﾌ ﾌﾞ ﾌﾟ ﾍ ﾍﾞ ﾍﾟ ﾎ ﾎﾞ ﾎﾟ ﾏ ﾐ ﾑ ﾒ ﾓ ｬ ﾔ ｭ ﾕ ｮ ﾖ ﾗ ﾘ ﾙ ﾚ ﾛ ﾜ ｦ ﾝ ｳﾞ ｰ ･ ｢ ｣ ､ ｡"
).split()
_TO_HALF = dict(zip(_FULL, _HALF, strict=True))
_HIRA_TO_KATA = {chr(c): chr(c + 0x60) for c in range(ord("ぁ"), ord("ゖ") + 1)}


def to_halfwidth_kana(text: str) -> str:
    """Katakana (and hiragana) → half-width katakana; everything else unchanged."""
    return "".join(_TO_HALF.get(_HIRA_TO_KATA.get(ch, ch), ch) for ch in text)


def katakana_to_halfwidth(text: str) -> str:
    """Only katakana → half-width (hiragana and kanji stay), as old order software prints."""
    return "".join(_TO_HALF.get(ch, ch) for ch in text)


def to_fullwidth_digits(text: str) -> str:
    return text.translate({ord(str(d)): chr(0xFF10 + d) for d in range(10)} | {ord("."): "．"})
