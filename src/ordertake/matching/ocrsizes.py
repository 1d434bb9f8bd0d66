"""Sizes an OCR misreading could have come from (pure): '590ml' may be 500ml, '1.82' 1.8L.

Faxed digits lose and gain strokes: a zero comes back as 9, 6 or 8, a speck becomes an extra
digit (4509g) or a letter inside the size (5Skg), two zeros in a row blur into one (60ml for
600ml), & stands for an 8 (1.&L), a unit L or g read as a digit leaves a bare number (1.82, 19,
4009), the l of ml comes back as another letter (550mg, 350mk) or alone (720l), mm as m (1.8m),
and the × of a pack as a letter (120gwl0個). These readings are only offered to the product
matcher, which accepts one when a candidate product really has that size: a size is never
invented, and what was clearly read is never rewritten (1L stays 1L, it is never read as 1.8L:
no reading adds a nonzero digit or a decimal point, and decimals keep their digits). A line may
carry two misreadings, in one size (5099ml) or in two (79L 56枚 for 70L 50枚); with the sizes
the candidates have known (`wanted`), only readings toward those are kept. A lost space glues a
number to the size after it (1.41kg for 1.4 1kg, 471000ml for 47 1000ml, 7050枚 for 70(L) 50枚);
such a split holds only for a product that has both sizes. Last, `guessed_readings` offers the
candidates' sizes one digit away from a size as read that no known misreading explains (24kg for
25kg): weaker evidence, and a line that needs one goes to the clerk.
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein

from ordertake.matching.sizes import (
    COUNTERS,
    Spec,
    SpecText,
    bare_numbers,
    names_size,
    split_specs,
    unit_dropped_sizes,
    written_sizes,
)
from ordertake.parse.numbers import ZERO_LOOKALIKES

MAX_READINGS = 48
"""Bounds the work per query; a line has one or two sizes, each with a handful of readings."""
MAX_EDITS = 2
"""Misreadings undone at most per line: one more is as likely to reach a wrong size as the
right one."""

# One digit read as another it resembles (a faxed stroke lost or gained): the key is the digit
# read, the value the digits it may have been (a 4 that lost its crossbar reads as 1, a 3 whose
# ends close reads as 9).
_LOOKALIKE_DIGITS = {
    "0": "968",
    "9": "03",
    "6": "05",
    "8": "03",
    "5": "6",
    "3": "8",
    "1": "74",
    "7": "1",
}
# Look-alikes seen less often (a 5 whose flag closed into a 9's loop, a 9 whose loop broke into
# a 3): taken only as the one misreading of a number, never beside a zero undone too (599 is
# 500, not 550 as well).
_RARER_LOOKALIKE_DIGITS = {"9": "5", "3": "9"}
# Digits a unit L (an upright and a foot, which may curl) or g (a loop and a tail) comes back as.
_L_AS_DIGIT = "29176"
_G_AS_DIGIT = "9"
# Digits the g of a kg comes back as after its k read as a 4 (1kg read 140 or 149).
_KG_G_AS_DIGIT = "09"
# A whole number of a token (a decimal's parts get no readings: 1.8 is never taken for 1.0).
_NUMBER = re.compile(r"(?<![\d.])\d+(?![\d.])")
# A size as read: from its first digit through the letters, specks and digits glued to it and
# a counter after it ('70gx9缶', '5skg', '1.&l', '1]l', '550mg'); a period before it with no
# digit before that is a speck, not a decimal point ('ぽんず.360me').
# Letters that `split_specs` reads as digits (s25 for 525) belong to the size they stand in.
_TOKEN = re.compile(
    r"(?:(?<![\d.a-z])[oisbl]+\.?|(?<!\d)(?<!\d\.))\d[\d.&a-z\]\[|!」「'`]*(?:" + COUNTERS + "|入)?"
)
# A number with letters OCR gives for digits and no unit after it: '20o', '1s0'.
_LETTER_DIGITS = re.compile(r"\d*[oisb][\doisb]*")
_AS_DIGITS = str.maketrans("oisb", "0158")
_BARE = re.compile(r"\d+(?:\.\d+)?")
_BARE_HEAD = re.compile(r"\d+(?:\.\d)?")
_UNIT_AT = re.compile(r"(?:ml|cc|kg|mm|cm|l|g|m)(?![a-wyz])")
# The l of ml read as another letter ('550mg', '350mk'), as a digit with an upright stroke
# ('500m6', '600m2', a name cell read again from the small review picture), or lost ('550m').
_ML_GARBLED = re.compile(r"(?<=\d)m(?:[a-km-wyz]|[268&](?![\d.]))?(?![a-wyz])")
# One m of mm lost ('1.8m' for the 1.8mm of a pasta).
_MM_HALVED = re.compile(r"(?<=\d)m(?![a-z])")
# The k of kg lost ('5g' for the 5kg of a sack of salt).
_K_LOST = re.compile(r"(?<=\d)g(?![a-z])")
# The m of ml lost after a number no litre size runs to ('720l' for 720ml).
_M_LOST = re.compile(r"(?<=\d\d\d)l(?![a-z])")
# The × of a pack read as a letter, between a size's unit and its count: '120gwl0', '80gk10'.
_TIMES_AS_LETTER = re.compile(
    r"(?:(?<=\dml)|(?<=\dl)|(?<=\dg)|(?<=\dkg)|(?<=\dm)|(?<=\dcm)|(?<=\dmm))[a-wyz](?=[\dlio])"
)
# A letter glued after a whole size at the end of the word hides the size ('1.6mmw').
_LETTER_AFTER_UNIT = re.compile(r"(\d(?:ml|mm|cm|kg|l|g))[a-wyz]$")
# A lost space glues a number to the size after it: '1.41kg' for 1.4 1kg, '471000ml' for
# 47 1000ml (47% 1000ml), '7050枚' for 70(L) 50枚.
_GLUED = re.compile(
    r"(?<!\d)(?<!\d\.)(\d+(?:\.\d+)?)(?=\s?(?:(?:ml|l|kg|g|mm|cm|m)(?![a-z])|キロ|グラム|リットル|"
    + COUNTERS
    + "))"
)


def _zero_readings(digits: str) -> list[tuple[str, frozenset[int]]]:
    """Zeros read as 9/6/8, any of them (slashed or broken zeros come in runs: 599 for 500),
    with the places changed."""
    spots = [i for i, c in enumerate(digits) if i > 0 and c in ZERO_LOOKALIKES]
    out = []
    for n in range(1, min(len(spots), 3) + 1):
        for chosen in combinations(spots, n):
            reading = "".join("0" if i in chosen else c for i, c in enumerate(digits))
            out.append((reading, frozenset(chosen)))
    return out


def _other_readings(digits: str, fixed: frozenset[int] | None = None
                    ) -> list[tuple[str, bool]]:
    """One digit dropped, read as a look-alike, or one zero more, each with whether it puts in
    a digit that was not read; `fixed` places (zeros undone already) stay as they are, and
    then no rarer look-alike is taken."""
    rarer = _RARER_LOOKALIKE_DIGITS if fixed is None else {}
    fixed = fixed or frozenset()
    out: list[tuple[str, bool]] = []
    # One extra digit from a speck or a table rule: 4509 → 450 (only whole numbers of 3+ digits).
    if len(digits) >= 3:
        out += [(digits[:i] + digits[i + 1 :], False) for i in range(len(digits)) if i not in fixed]
    # One digit read as a look-alike.
    for i, c in enumerate(digits):
        if i not in fixed:
            others = _LOOKALIKE_DIGITS.get(c, "") + rarer.get(c, "")
            out += [(digits[:i] + o + digits[i + 1 :], False) for o in others]
    # No size starts with 0: a leading zero was read out of place (01 for 10).
    if len(digits) > 1 and digits[0] == "0" and digits[1] != "0":
        out.append((digits[1] + "0" + digits[2:], False))
    # Zeros side by side blur into one (60 for 600, 100 for 1000).
    for m in re.finditer(r"(?<=\d)0+", digits):
        out.append((digits[: m.end()] + "0" + digits[m.end() :], True))
    return out


class Cost(NamedTuple):
    """What a reading undoes: how many misreadings, and whether it puts in an unread digit."""

    edits: int
    supplied: bool = False

    def plus(self, other: Cost) -> Cost:
        return Cost(self.edits + other.edits, self.supplied or other.supplied)


def number_readings(digits: str) -> list[str]:
    """Numbers OCR could have misread as `digits` (not `digits` itself), most likely first."""
    return [reading for reading, cost in counted_number_readings(digits) if cost.edits == 1]


def counted_number_readings(digits: str) -> list[tuple[str, Cost]]:
    """`number_readings` and, as two misreadings, a run of zeros undone together with one other
    digit (5099 for 500: a speck and a broken zero), each with what it undoes."""
    if "." in digits:
        return []  # a decimal is short and deliberate: 1.8 is never taken for 1.0
    zeros = _zero_readings(digits)
    out = [(reading, Cost(1)) for reading, _ in zeros]
    out += [(reading, Cost(1, supplied)) for reading, supplied in _other_readings(digits)]
    for zeroed, places in zeros:
        out += [(r, Cost(2, supplied)) for r, supplied in _other_readings(zeroed, places)]
    seen = {digits}
    kept = []
    for reading, cost in out:
        if reading not in seen and not (len(reading) > 1 and reading[0] == "0"):
            seen.add(reading)
            kept.append((reading, cost))
    return kept


def glyph_edits(token: str, bare_end: bool = True) -> list[str]:
    """A size as read with one misread glyph other than a digit undone.

    `bare_end`: nothing but a space, a bracket or the end follows the token, so a number
    without a unit there may have lost its unit to a look-alike digit ('19' for 1L).
    """
    out: list[str] = []
    for i, c in enumerate(token):
        if c == "&":  # & for 8: the same two loops
            out.append(f"{token[:i]}8{token[i + 1 :]}")
        elif i and token[i - 1].isdigit() and not c.isdigit() and c != ".":
            # A speck or stray letter between a digit and the rest of the size: '5skg', '1]l'.
            rest = token[i + 1 :]
            if not _UNIT_AT.match(token, i) and (rest[:1].isdigit() or _UNIT_AT.match(rest)):
                out.append(token[:i] + rest)
    for m in _ML_GARBLED.finditer(token):
        out.append(f"{token[: m.start()]}ml{token[m.end() :]}")
    for m in _M_LOST.finditer(token):
        out.append(f"{token[: m.start()]}m{token[m.start() :]}")
    for m in _K_LOST.finditer(token):
        out.append(f"{token[: m.start()]}k{token[m.start() :]}")
    for m in _MM_HALVED.finditer(token):
        out.append(f"{token[: m.start()]}mm{token[m.end() :]}")
    for m in _TIMES_AS_LETTER.finditer(token):
        out.append(f"{token[: m.start()]}x{token[m.end() :]}")
    stray = _LETTER_AFTER_UNIT.search(token)
    if stray:
        out.append(token[: stray.end(1)])  # '1.6mmw': a speck read as a letter after the unit
    if _LETTER_DIGITS.fullmatch(token):
        out.append(token.translate(_AS_DIGITS))  # 20O for 200 with no unit after it
    head, last = token[:-1], token[-1:]
    if bare_end and _BARE.fullmatch(token) and _BARE_HEAD.fullmatch(head):
        if last in _L_AS_DIGIT or last == "0" and "." in head:
            out.append(head + "l")  # 19 for 1L, 1.82 for 1.8L, 1.50 for 1.5L
        if last in _G_AS_DIGIT and len(head) > 1:
            out.append(head + "g")  # 4009 for 400g
        if last in _KG_G_AS_DIGIT and head[-1:] == "4" and _BARE_HEAD.fullmatch(head[:-1]):
            out.append(head[:-1] + "kg")  # 140 for 1kg: the k's arms closed into a 4
    return [t for t in dict.fromkeys(out) if t != token]


def token_readings(token: str, bare_end: bool = True) -> dict[str, Cost]:
    """A size as read with up to MAX_EDITS misreadings undone: glyphs first, then each number's
    digits, each number on its own (two digits of one number only with a run of zeros)."""
    glyphs: dict[str, int] = {token: 0}
    layer = [token]
    for edits in range(1, MAX_EDITS + 1):
        layer = [t for text in layer for t in glyph_edits(text, bare_end) if t not in glyphs]
        glyphs.update((t, edits) for t in layer)
    found: dict[str, Cost] = {}
    for text, spent in glyphs.items():
        variants = [(text, Cost(spent))]
        for m in reversed(list(_NUMBER.finditer(text))):  # from the right: spans stay valid
            more = []
            for variant, cost in variants:
                for reading, extra in counted_number_readings(m.group(0)):
                    if cost.edits + extra.edits <= MAX_EDITS:
                        more.append((f"{variant[: m.start()]}{reading}{variant[m.end() :]}",
                                     cost.plus(extra)))
            variants += more
        for variant, cost in variants:
            if cost.edits and cost < found.get(variant, Cost(MAX_EDITS + 1)):
                found[variant] = cost
    head = token[:-1]
    if bare_end and _BARE.fullmatch(token) and _BARE_HEAD.fullmatch(head):
        # The unit read as a digit of no known likeness ('20' for 2L, '9000' for 900ml): the
        # number before it, as weak as two misreadings.
        found.setdefault(head, Cost(MAX_EDITS))
    found.pop(token, None)
    return found


def token_edits(token: str, bare_end: bool = True) -> list[str]:
    """A size as read with one misreading undone, each way OCR could have made it."""
    return [t for t, cost in token_readings(token, bare_end).items() if cost.edits == 1]


def _useful(key: SpecText, wanted: frozenset[Spec] | None) -> bool:
    """Whether every size a reading names is one of the wanted sizes (any, without a list)."""
    if wanted is None:
        return True
    return all(spec in wanted for spec in key.specs) and all(
        names_size(b, wanted) for b in bare_numbers(key.text)
    )


def _token_readings(
    token: str, bare_end: bool, wanted: frozenset[Spec] | None
) -> list[tuple[str, Cost]]:
    """Readings of one size with the misreadings each undoes, toward wanted sizes only."""
    as_read = split_specs(token)
    out = []
    for reading, cost in token_readings(token, bare_end).items():
        key = split_specs(reading)
        changed = key.specs != as_read.specs or bare_numbers(key.text) != bare_numbers(
            as_read.text
        )
        if changed and (key.specs or bare_numbers(key.text)) and _useful(key, wanted):
            out.append((reading, cost))
    out.sort(key=lambda r: r[1])
    return out


def glyph_fixed_texts(norm: str, wanted: frozenset[Spec]) -> list[str]:
    """The text with one size's misread glyph other than a digit undone ('500m]' → '500ml'),
    where that names a wanted size: for a guess at another size of the line to start from."""
    out = []
    for m in _TOKEN.finditer(norm):
        for edited in glyph_edits(m.group(0), bare_end=False):
            if split_specs(edited).specs & wanted:
                out.append(f"{norm[: m.start()]}{edited}{norm[m.end() :]}")
    return out


def text_readings(norm: str, wanted: frozenset[Spec] | None = None) -> list[tuple[str, Cost]]:
    """The normalised text with up to MAX_EDITS misreadings of its sizes undone, and how many
    each undoes (fewest first)."""
    spans = list(_TOKEN.finditer(norm))
    per_token = []
    for m in spans:
        after = norm[m.end() : m.end() + 1]
        bare_end = after in ("", " ", "(", "（")
        per_token.append(_token_readings(m.group(0), bare_end, wanted))
    out: list[tuple[str, Cost]] = []
    for m, readings in zip(spans, per_token, strict=True):
        out += [(f"{norm[: m.start()]}{r}{norm[m.end() :]}", c) for r, c in readings]
    for (i, m), (j, n) in combinations(enumerate(spans), 2):
        for r, c in per_token[i]:
            for s, d in per_token[j]:
                if c.edits + d.edits <= MAX_EDITS:
                    mid = norm[m.end() : n.start()]
                    out.append((f"{norm[: m.start()]}{r}{mid}{s}{norm[n.end() :]}", c.plus(d)))
    out.sort(key=lambda r: r[1])
    return out


class SizeReading(NamedTuple):
    key: SpecText
    """The text as it may have been meant: its sizes, and what is left (numbers without a unit
    still count for a size)."""
    split_off: float | None = None
    """A number split off a glued size: the reading holds only for a product with that size."""
    edits: int = 1
    """Misreadings undone: each costs a little (`products.SIZE_READING_FACTOR`)."""
    supplied_digit: bool = False
    """The reading has more digits than were read (60ml for 600ml): a guess to confirm."""
    guessed: bool = False
    """One digit differs in a way no known misreading explains (24kg for 25kg, 00ml for
    500ml): the nearest sizes the candidates have, weaker evidence, for the clerk to confirm."""


# Outside a number's run: 上 for a faxed 1 before its unit ('上L': a serif and a foot), a
# speck read as a character beside a decimal point ('1.人8', '1_.8mm'), and a space read
# inside a number: after its decimal point ('2. 5kg'), or before its last three digits ('1 000g',
# the way thousands are grouped).
_ONE_AS_KANJI = re.compile(r"(?<![\d.])上(?=(?:ml|l|kg|g)(?![a-z]))")
# A 5 read as the letter s before a unit ('食塩sg' for 5kg with its k lost too).
_FIVE_AS_S = re.compile(r"(?<![\da-z.])s(?=(?:ml|l|kg|g)(?![a-z]))")
_SPECK_AFTER_POINT = re.compile(r"(?<=\d\.)[^\d\s](?=\d)|(?<=\d)[^\d\s.](?=\.\d)")
_SPACE_IN_NUMBER = re.compile(r"(?<=\d) (?=\d{3}\s?(?:ml|cc|l|kg|g)(?![a-z]))|(?<=\d\.) (?=\d)")
# A % after a number that is no share of anything the candidates state: a unit OCR garbled
# ('1.8%' for 1.8L), the number left to name the size it is.
_PERCENT_AS_UNIT = re.compile(r"(?<=\d)%")
# A pack's counter garbled into letters after its count ('x3ifi' for ×3缶): read as digits
# they would make another count (×31).
_COUNTER_AS_LETTERS = re.compile(r"(?<=[x×*]\d)[a-z]+(?![a-z\d])")
# A decimal point read as a comma ('1、6mm', '1,8l'): one or two digits after it and a unit,
# where a thousands separator would have three.
_COMMA_AS_POINT = re.compile(r"(?<=\d)[、,，](?=\d{1,2}\s?(?:ml|l|kg|g|mm|cm|m)(?![a-z]))")
# A 1 read as j (its foot curled) before a decimal point ('j.8l').
_ONE_AS_J = re.compile(r"(?<![\da-z.])j(?=\.\d)")


# A counter read as another kanji after its count, ending the word ('100覆' for 100枚, '20寿'
# for 20尾): read as a count (個 stands for any counter; only a candidate with that count takes
# the reading).
_COUNTER_KANJI = "".join(c for c in COUNTERS if "一" <= c <= "龯")
_COUNTER_AS_KANJI = re.compile(rf"(?<=\d)[一-龯](?<![{_COUNTER_KANJI}入])(?![^\s(（)）])")


def glyph_readings(norm: str) -> list[str]:
    """The text with one glyph outside a size's digits undone ('上l' → '1l', '1.人8' → '1.8',
    '1_.8mm' → '1.8mm', '7 000g' → '7000g', '1.8%' → '1.8', '1、6mm' → '1.6mm', 'j.8l' →
    '1.8l', 'x3ifi' → 'x3', '20寿' → '20個')."""
    out = [f"{norm[: m.start()]}1{norm[m.end() :]}" for m in _ONE_AS_KANJI.finditer(norm)]
    out += [f"{norm[: m.start()]}5{norm[m.end() :]}" for m in _FIVE_AS_S.finditer(norm)]
    out += [f"{norm[: m.start()]}1{norm[m.end() :]}" for m in _ONE_AS_J.finditer(norm)]
    out += [f"{norm[: m.start()]}.{norm[m.end() :]}" for m in _COMMA_AS_POINT.finditer(norm)]
    out += [f"{norm[: m.start()]}{norm[m.end() :]}" for m in _COUNTER_AS_LETTERS.finditer(norm)]
    out += [f"{norm[: m.start()]}個{norm[m.end() :]}" for m in _COUNTER_AS_KANJI.finditer(norm)]
    for pattern in (_SPECK_AFTER_POINT, _SPACE_IN_NUMBER, _PERCENT_AS_UNIT):
        out += [f"{norm[: m.start()]}{norm[m.end() :]}" for m in pattern.finditer(norm)]
    return out


def glued_readings(norm: str) -> list[tuple[str, float]]:
    """The text with one number split in two where a space may have been lost, and the number
    split off the front ('1.41kg' → '1.4 1kg', 1.4; '41.61kg' → '1.6 1kg', 1.6)."""
    out: list[tuple[str, float]] = []
    for m in _GLUED.finditer(norm):
        written = m.group(1)
        variants = [written]
        if written.find(".") >= 2:
            # A garbled character before a decimal read as one more digit ('41.61kg' for
            # パスタ1.6 1kg): no size has a decimal that long.
            variants.append(written[1:])
        for digits in variants:
            point = digits.find(".")
            for cut in range(1, len(digits)):
                head, tail = digits[:cut], digits[cut:]
                if head.endswith(".") or tail.startswith((".", "0")):
                    continue
                if point >= 0 and cut != point + 2:
                    continue  # a decimal keeps one digit after its point: 1.41 → 1.4 1
                out.append((f"{norm[: m.start()]}{head} {tail}{norm[m.end() :]}", float(head)))
    return out


def possible_sizes(norm: str) -> frozenset[Spec]:
    """Sizes the normalised text may stand for besides those it states, for finding products
    that have them: each size a number without its unit may be (パスタ1.8 for 1.8mm), and the
    sizes of a number glued to the next one read apart (1.4500g for 1.4 500g)."""
    read = split_specs(norm)
    found = set(unit_dropped_sizes(bare_numbers(read.text)))
    for text, head in glued_readings(norm):
        found |= split_specs(text).specs | unit_dropped_sizes(frozenset({head}))
    return frozenset(found - read.specs)


MAX_SIZE_DIGITS = 5
"""No size or pack runs to more digits (16500g); a longer number is a code."""
_LEADING_DIGITS = re.compile(r"\d*")
# A size whose unit was lost, read as a digit or garbled into letters ('9000', '25tp').
_UNIT_GARBLED = re.compile(r"\d{1,4}(?:\.\d+)?[a-z]{0,2}")


def may_be_size(token: str) -> bool:
    """Whether a code-like word may be a size OCR garbled ('4509' for 450g, '1000nml')."""
    if len(_LEADING_DIGITS.match(token).group(0)) > MAX_SIZE_DIGITS:  # type: ignore[union-attr]
        return False
    if _UNIT_GARBLED.fullmatch(token):
        return True
    return any(r.key.specs for r in reading_keys(token))


def _as_written(value: float, factor: float) -> str | None:
    """A size value in the unit a size was written in, as digits; None for a decimal (a decimal
    is short and deliberate: 1.8 is never guessed from 1.5)."""
    number = round(value / factor, 3)
    return f"{number:.0f}" if number == int(number) else None


# A kilogram unit with no number before it: the faint 1 before it was lost.
_KILO_ALONE = re.compile(r"(?<![\d.a-z])(?:kg|キロ)(?![a-z])")


def lost_one_readings(norm: str, wanted: frozenset[Spec]) -> list[SizeReading]:
    """A kg with no number before it read as 1kg: a 1 is the thinnest digit, the one a fax
    loses ('パン粉kg', '片栗粉 KG'). A digit put in: the clerk confirms it."""
    out = []
    for m in _KILO_ALONE.finditer(norm):
        key = split_specs(f"{norm[: m.start()]}1{norm[m.start() :]}")
        if key.specs & wanted:
            out.append(SizeReading(key, supplied_digit=True))
    return out


def guessed_readings(
    norm: str, wanted: frozenset[Spec], named: frozenset[Spec] | None = None
) -> list[SizeReading]:
    """The text with one written size put at a wanted size of its kind one digit away, by a
    digit changed, lost or gained (24キロ → 25kg, 00ml → 500ml, ×4 → ×24 or ×6), or left out
    when no size reads so ('04個'): for when no known misreading reaches a size the candidates
    have. A size as read that a candidate's name states (`named`, default `wanted`) is kept."""
    named = wanted if named is None else named
    out: list[SizeReading] = []
    for size in written_sizes(norm):
        digits = norm[size.start : size.end]
        if not digits.isdigit():
            continue
        if len(digits) > 1 and digits[0] == "0":
            # No size starts with 0 ('04個'): its digits are lost, only its kind is known.
            key = split_specs(f"{norm[: size.start]}{norm[size.end :]}")
            out.append(SizeReading(key, guessed=True))
        elif (size.kind, round(int(digits) * size.factor, 3)) in named:
            continue  # a candidate has the size as read ('7枚'): no guess changes it
        for kind, value in sorted(wanted):
            meant = _as_written(value, size.factor) if kind == size.kind else None
            if meant is None or meant == digits:
                continue
            if Levenshtein.distance(digits, meant, score_cutoff=1) <= 1:
                key = split_specs(f"{norm[: size.start]}{meant}{norm[size.end :]}")
                out.append(SizeReading(key, supplied_digit=len(meant) > len(digits), guessed=True))
    return out


def size_readings(norm: str, wanted: frozenset[Spec] | None = None) -> list[frozenset[Spec]]:
    """Size sets the text may really have meant, besides the one read; at most MAX_READINGS."""
    return [r.key.specs for r in reading_keys(norm, wanted)]


def reading_keys(norm: str, wanted: frozenset[Spec] | None = None) -> list[SizeReading]:
    """`size_readings` with the text each leaves and, for a glued size, the number split off.

    `wanted`: the sizes the candidate products have; a reading toward any other size is no use.
    """
    read = split_specs(norm)
    read_bare = bare_numbers(read.text)
    found: list[SizeReading] = []
    seen: set[tuple[frozenset[Spec], frozenset[float], float | None]] = set()
    glued = glued_readings(norm)  # few, and each gated
    texts: list[tuple[str, float | None, Cost]] = [(text, cut, Cost(1)) for text, cut in glued]
    for text in glyph_readings(norm):  # and the digits of what it leaves, one edit fewer
        texts.append((text, None, Cost(1)))
        texts += [(t, None, c.plus(Cost(1))) for t, c in text_readings(text, wanted)
                  if c.edits < MAX_EDITS]
    texts += [(text, None, cost) for text, cost in text_readings(norm, wanted)]
    for text, split_off, cost in texts:
        key = split_specs(text)
        bare = bare_numbers(key.text)
        if not key.specs and not bare or (key.specs, bare) == (read.specs, read_bare):
            continue
        if (key.specs, bare, split_off) not in seen:
            seen.add((key.specs, bare, split_off))
            found.append(SizeReading(key, split_off, cost.edits, cost.supplied))
            if len(found) >= MAX_READINGS:
                break
    return found
