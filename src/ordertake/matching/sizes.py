"""Sizes and packs as values (pure): 1.8L = 1800ml = 1.8ℓ, 500g = 0.5kg, ×24 = x24 = 24入.

`split_specs` takes normalised text and returns the text without its size/pack tokens plus the
values they stand for, so 「醤油 1800ml」 and 「醤油 1.8L」 compare equal and 「1L」 never passes
for the 1.8L product (`compare_specs`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple

from ordertake.matching.normalize import SEP

# kind: vol (ml), mass (g), len (mm; 100m of wrap is 100000), pct (%), times (倍),
# n (pieces: ×24, 24入, 10個, 5食)
Spec = tuple[str, float]

_NUM = r"(\d+(?:\.\d+)?)"
COUNTERS = "本|缶|個|袋|枚|尾|食|粒|切れ|切|玉|束|パック|pcs|pc|p|包|ヶ|丁"
_UNIT_FACTORS: dict[str, tuple[str, float]] = {
    "ml": ("vol", 1.0),
    "cc": ("vol", 1.0),
    "l": ("vol", 1000.0),
    "リットル": ("vol", 1000.0),
    "kg": ("mass", 1000.0),
    "キロ": ("mass", 1000.0),
    "g": ("mass", 1.0),
    "グラム": ("mass", 1.0),
    "mm": ("len", 1.0),
    "cm": ("len", 10.0),
    "m": ("len", 1000.0),
    "%": ("pct", 1.0),
    "倍": ("times", 1.0),
}
_MEASURE = re.compile(_NUM + r"\s?(ml|cc|kg|mm|cm|リットル|キロ|グラム|l|g|m|%|倍)(?![a-wyz])")
_PACK_BEFORE = re.compile(r"[x×*]\s?(\d+)\s?(?:" + COUNTERS + r")?(?:入り?)?")
_PACK_AFTER = re.compile(
    r"(?<![\d.])(\d+)\s?(?:"
    + COUNTERS
    + r")?入り?|(?<![\d.])(\d+)\s?(?:"
    + COUNTERS
    + r")(?![a-z])"
)


# OCR reads 1.8L as l.8L, 500g as S00g, ×10 as ×1O: fix look-alike letters inside a number
# that stands before a unit or counter, or after a multiplication sign.
# An "l" right after a digit is a litre (45L5枚), never a misread 1.
_OCR_CHAR = r"(?:[0-9.oisb]|(?<![0-9])l)"
_LOOKS_NUMERIC = _OCR_CHAR + r"*[0-9]" + _OCR_CHAR + "*"
_OCR_NUMBER = re.compile(
    r"(?<![a-z])"
    + _LOOKS_NUMERIC
    + r"(?=\s?(?:ml|cc|kg|mm|cm|l|g|リットル|キロ|%|[x×*]|"
    + COUNTERS
    + r"|入))|(?<=[x×*])"
    + _LOOKS_NUMERIC
)
# A lone I or l read for the digit 1 right before a unit ("IL", "lkg").
_LONE_ONE = re.compile(r"(?<![a-z0-9.])[il](?=(?:l|kg|g|ml)(?![a-z]))")
_HAS_DIGIT = re.compile(r"\d")
_OCR_DIGITS = str.maketrans("oilsb", "01158")


class SpecText(NamedTuple):
    text: str
    """The text with size/pack tokens removed (spaces collapsed)."""
    specs: frozenset[Spec]


_NONE: frozenset[Spec] = frozenset()


def _value(number: str, factor: float) -> float:
    return round(float(number) * factor, 3)


def split_specs(norm: str) -> SpecText:
    """Size/pack values of normalised text and the text without them."""
    if not _HAS_DIGIT.search(norm) and not _LONE_ONE.search(norm):
        return SpecText(" ".join(norm.split()), frozenset())
    return split_specs_many([norm])[0]


def split_specs_many(norms: list[str]) -> list[SpecText]:
    """`split_specs` for many texts in one pass over a joined string (fast for a whole master).

    Replacements keep the length, so a match's position still tells which text it came from.
    """
    if not norms:
        return []
    joined = SEP.join(n.replace(SEP, " ") for n in norms)
    starts = [0]
    for n in norms[:-1]:
        starts.append(starts[-1] + len(n) + 1)
    specs: list[set[Spec]] = [set() for _ in norms]

    def measure(m: re.Match[str]) -> str:
        kind, factor = _UNIT_FACTORS[m.group(2)]
        specs[bisect_right(starts, m.start()) - 1].add((kind, _value(m.group(1), factor)))
        return " " * len(m.group(0))

    def pack(m: re.Match[str]) -> str:
        number = next(g for g in m.groups() if g)
        specs[bisect_right(starts, m.start()) - 1].add(("n", float(int(number))))
        return " " * len(m.group(0))

    text = _LONE_ONE.sub("1", joined)
    text = _OCR_NUMBER.sub(lambda m: m.group(0).translate(_OCR_DIGITS), text)
    text = _MEASURE.sub(measure, text)
    text = _PACK_BEFORE.sub(pack, text)
    text = _PACK_AFTER.sub(pack, text)
    return [
        SpecText(" ".join(part.split()), frozenset(found) if found else _NONE)
        for part, found in zip(text.split(SEP), specs, strict=True)
    ]


class WrittenSize(NamedTuple):
    start: int
    end: int
    """Where the number of a size or pack stands in the text."""
    kind: str
    factor: float
    """What one of the number's units is in the kind's base unit (1000 for kg)."""


def written_sizes(norm: str) -> list[WrittenSize]:
    """The sizes and packs of normalised text as written (no OCR look-alikes undone), each with
    where its number stands, so a reading may put another number there."""
    found = [
        WrittenSize(m.start(1), m.end(1), *_UNIT_FACTORS[m.group(2)])
        for m in _MEASURE.finditer(norm)
    ]
    for pattern in (_PACK_BEFORE, _PACK_AFTER):
        for m in pattern.finditer(norm):
            group = next(g for g in range(1, (m.lastindex or 1) + 1) if m.group(g))
            if not any(w.start <= m.start(group) < w.end for w in found):
                found.append(WrittenSize(m.start(group), m.end(group), "n", 1.0))
    return sorted(found)


@dataclass(frozen=True)
class SpecCheck:
    factor: float
    """Multiplies the similarity: 1 when all agree, low when a size contradicts."""
    reason: str
    supplied_digit: bool = False
    """The sizes agree only with a digit OCR never showed put in (60ml read as 600ml): the
    product is likely, but a clerk should confirm it."""
    misread: bool = False
    """The sizes disagree only by sizes no candidate has (`MISREAD_CONFLICT`)."""


def _kinds(specs: frozenset[Spec]) -> dict[str, set[float]]:
    out: dict[str, set[float]] = {}
    for kind, value in specs:
        out.setdefault(kind, set()).add(value)
    return out


def _fmt(kind: str, values: set[float]) -> str:
    unit = {"vol": "ml", "mass": "g", "len": "mm", "pct": "%", "times": "倍", "n": "入"}[kind]
    return "/".join(f"{v:g}{unit}" for v in sorted(values))


# Units each kind of size is written in, so a number written without its unit (「スパゲティ1.8」,
# 「ごみ袋70」) can be compared with a size of the product in any unit of the kind.
_KIND_FACTORS: dict[str, set[float]] = {}
for _kind, _factor in _UNIT_FACTORS.values():
    _KIND_FACTORS.setdefault(_kind, set()).add(_factor)
_BARE_NUMBER = re.compile(r"(?<!\d)(?<!\d\.)\d+(?:\.\d+)?(?![\d.])")
"""A number standing alone; a period before it with no digit before that is a speck."""


def bare_numbers(text: str) -> frozenset[float]:
    """Numbers left in `SpecText.text`: written without a unit or counter."""
    return frozenset(float(n) for n in _BARE_NUMBER.findall(text))


def _unit_dropped(kind: str, values: set[float], bare: frozenset[float]) -> set[float]:
    """The product's sizes of a kind that a unitless number written in the query stands for."""
    if kind == "n":
        return set()  # a lone count is as likely a quantity as a pack
    return {v for v in values for b in bare for f in _KIND_FACTORS[kind] if _value(str(b), f) == v}


def unit_dropped_sizes(bare: frozenset[float]) -> frozenset[Spec]:
    """Every size (no pack) a number written without its unit may stand for: 1.8 for 1.8mm,
    1.8L, 1.8kg, ...; for finding the products that have one."""
    return frozenset(
        (kind, _value(str(b), f)) for kind, fs in _KIND_FACTORS.items() if kind != "n"
        for f in fs for b in bare
    )


def names_size(number: float, specs: frozenset[Spec]) -> bool:
    """Whether a number written without a unit is one of these sizes (1.4 of 1.4mm)."""
    return any(_unit_dropped(kind, {value}, frozenset({number})) for kind, value in specs)


def case_count(written: set[float], counts: set[float], case_qty: int | None) -> float | None:
    """The count written that is the product's case quantity: alone for a product without a
    count of its own (×24), or beside the count it has (100枚 ×10 for 100枚 sold 10 to the
    case). A count alone where the product has another (×4 for a 6-pack sold 4 to the case) is
    its pack misread as often as its case."""
    case = float(case_qty) if case_qty else None
    if case is None or case not in written:
        return None
    return case if not counts or (written - {case}) & counts else None


MISREAD_CONFLICT = 0.55
"""A size written that no candidate has, against the product's: misread more likely than a
contradiction, so the name decides between products that all disagree, but the line stays
well below the auto-accept threshold and below any size that agrees or is merely not written."""


def compare_specs(
    query: frozenset[Spec],
    product: frozenset[Spec],
    case_qty: int | None = None,
    bare: frozenset[float] = frozenset(),
    unheard: frozenset[Spec] = frozenset(),
) -> SpecCheck:
    """How well the sizes written in a query agree with a product's.

    A size written where the product states another of that kind contradicts it: 25cm×50m is
    not the 25cm×8m product just because both are 25cm wide. `bare` are numbers written
    without a unit; one that is a size of the product the query does not state counts for it
    (1.8 for 1.8mm).
    """
    if not query and not product:
        return SpecCheck(1.0, "")
    q, p = _kinds(query), _kinds(product)
    agreed, conflicts, extra, missing, unstated = [], [], [], [], []
    misread = 0  # conflicts only by sizes no product in question has: misread, most likely
    for kind, values in q.items():
        has = p.get(kind, set())
        if kind == "n" and (case := case_count(values, has, case_qty)) is not None:
            agreed.append(f"入数{case:g}")  # ×24 on a line for a product sold 24 to the case
            values = values - {case}
            if not has or not values:
                continue
        if not has:
            extra.append(kind)
            continue
        if values & has:
            agreed.append(_fmt(kind, values & has))
        if values - has and has - values:
            conflicts.append(f"{_fmt(kind, values - has)}≠{_fmt(kind, has - values)}")
            misread += all((kind, v) in unheard for v in values - has)
        elif values - has:
            unstated.append(kind)  # 25cm×50m for a product named only 25cm
    for kind, values in p.items():
        unwritten = values - q.get(kind, set())  # 25cm for the 25cm×50m product: no length
        if not unwritten:
            continue
        unitless = _unit_dropped(kind, unwritten, bare)
        if unitless:
            agreed.append(_fmt(kind, unitless) + "(単位なし)")
        if unwritten - unitless:
            missing.append(kind)
    if conflicts:
        # Still far below any agreement, but a size that does agree (500ml of 500ml×24 read
        # as ×44) tells the nearer product from one where nothing agrees.
        share = len(agreed) / (len(agreed) + len(conflicts))
        if misread == len(conflicts):
            # Every size that disagrees is one no candidate has: more likely misread than
            # meant, so the name decides, still well below a size that agrees.
            return SpecCheck(round(MISREAD_CONFLICT + 0.1 * share, 3),
                             "サイズ不一致（どの候補にもないサイズ） " + ", ".join(conflicts),
                             misread=True)
        return SpecCheck(round(0.35 + 0.1 * share, 3), "サイズ不一致 " + ", ".join(conflicts))
    factor = 1.0
    if missing:
        factor *= 0.93 if "n" not in missing or len(missing) > 1 else 0.97
    if unstated:
        factor *= 0.93
    if extra:
        # The customer wrote a size this product does not state (500g against 焼のり 10枚):
        # a product that states and agrees should win over it.
        factor *= 0.85
    reason = ("サイズ一致 " + ", ".join(agreed)) if agreed else ""
    if missing:
        reason = (reason + "; " if reason else "") + "サイズ記載なし"
    if unstated:
        reason = (reason + "; " if reason else "") + "品名にないサイズ"
    return SpecCheck(factor, reason)
