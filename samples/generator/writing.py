"""How customers write things: product names, sizes, dates, quantities and units.

Every variant must still name exactly one product of the master (`Writer.describe` checks that
a shortened name is unambiguous), so the ground truth stays fair to any reader.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter

from samples.generator.catalog import ProductSpec
from samples.generator.kana import katakana_to_halfwidth, to_fullwidth_digits

WEEKDAYS = "月火水木金土日"

# Canonical unit → what customers write for it (a written unit maps back through units.py).
UNIT_SPELLINGS: dict[str, tuple[str, ...]] = {
    "ケース": ("ケース", "ケース", "cs", "C/S", "ｹｰｽ", "CS"),
    "本": ("本",),
    "個": ("個", "ヶ"),
    "箱": ("箱",),
    "袋": ("袋",),
    "パック": ("パック", "パック", "pk"),
    "缶": ("缶",),
    "枚": ("枚",),
    "丁": ("丁",),
    "kg": ("kg", "キロ"),
}
ENGLISH_UNITS = {
    "ケース": "cs",
    "本": "btl",
    "個": "pc",
    "箱": "box",
    "袋": "bag",
    "パック": "pk",
    "缶": "can",
    "枚": "sheet",
    "丁": "丁",
    "kg": "kg",
}

_KANJI = [("しょうゆ", "醤油"), ("みそ", "味噌"), ("ごま", "胡麻"), ("かつお", "鰹")]


# What people drop when they shorten a maker's name (丸正醤油 → 丸正, 東洋飲料 → 東洋).
_MAKER_SUFFIXES = tuple(
    "醸造 食品 製菓 飲料 酒造 乳業 水産 産業 化成 紙業 化学 ケミカル 本店 フーズ ビバレッジ"
    " ウォーター ボトリング 麦酒 製麺 製粉 米穀 冷食 ミート 養鶏 缶詰 ファーム 醤油".split()
)


def short_maker(name: str) -> str:
    """The maker's name without its trade word, as customers write it; unchanged if nothing left."""
    for suffix in _MAKER_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def size_variants(label: str) -> list[str]:
    """1.8L → 1800ml, 1.8ℓ; 500ml → 500ML; how the size of one product gets written."""
    out = [label]
    match = re.fullmatch(r"(\d+(?:\.\d+)?)L", label)
    if match:
        ml = round(float(match.group(1)) * 1000)
        out += [f"{ml}ml", f"{match.group(1)}ℓ", f"{ml}cc"]
    match = re.fullmatch(r"(\d+)ml", label)
    if match:
        out += [f"{match.group(1)}ML", f"{match.group(1)}mℓ"]
    match = re.fullmatch(r"(\d+(?:\.\d+)?)kg", label)
    if match:
        out += [f"{match.group(1)}KG", f"{match.group(1)}キロ"]
    if "×" in label:
        out += [label.replace("×", "x"), label.replace("×", "*")]
    return out


class Writer:
    """Customer-style descriptions of products, checked to be unambiguous in the master."""

    def __init__(self, products: list[ProductSpec]) -> None:
        self.by_item_size = Counter((p.family.item, p.size.label) for p in products)

    def describe(self, product: ProductSpec, rng: random.Random, sloppiness: float) -> str:
        """A description of `product` as one customer writes it; sloppier → further from master."""
        if rng.random() > sloppiness:
            return product.name
        unique_without_maker = self.by_item_size[(product.family.item, product.size.label)] == 1
        keep_maker = not unique_without_maker or rng.random() < 0.35
        item = product.family.item
        if rng.random() < 0.45:
            item = rng.choice(product.family.shorts)
            keep_maker = keep_maker or len(product.family.shorts) == 0
            # A short name can collide with a sibling family; the maker disambiguates nothing
            # there, so keep the item's own distinguishing words (the short names are chosen so).
        if rng.random() < 0.3:
            for kana, kanji in _KANJI:
                item = item.replace(kana, kanji)
        size = rng.choice(size_variants(product.size.label))
        joiner = rng.choice([" ", " ", ""])
        text = f"{item}{joiner}{size}"
        if keep_maker:
            maker = product.maker.name
            if rng.random() < 0.3:
                maker = short_maker(maker)
            text = f"{maker} {text}" if rng.random() < 0.8 else f"{text}（{maker}）"
        if rng.random() < 0.25:
            text = katakana_to_halfwidth(text)
        return text


def write_quantity(quantity: float, rng: random.Random, fullwidth_share: float) -> str:
    text = f"{quantity:g}"
    return to_fullwidth_digits(text) if rng.random() < fullwidth_share else text


def write_unit(unit: str, rng: random.Random) -> str:
    return rng.choice(UNIT_SPELLINGS.get(unit, (unit,)))


def era_year(year: int) -> int:
    return year - 2018


DATE_STYLES = ("kanji", "reiwa", "r-dots", "slash", "md-weekday", "iso", "r-slash")


def write_date(day: dt.date, style: str) -> str:
    """The date as a Japanese customer writes it in one of DATE_STYLES."""
    weekday = WEEKDAYS[day.weekday()]
    if style == "kanji":
        return f"{day.year}年{day.month}月{day.day}日"
    if style == "reiwa":
        return f"令和{era_year(day.year)}年{day.month}月{day.day}日"
    if style == "r-dots":
        return f"R{era_year(day.year)}.{day.month}.{day.day}"
    if style == "r-slash":
        return f"R{era_year(day.year)}/{day.month:02d}/{day.day:02d}"
    if style == "slash":
        return f"{day.year}/{day.month:02d}/{day.day:02d}"
    if style == "md-weekday":
        return f"{day.month}/{day.day}({weekday})"
    if style == "iso":
        return day.isoformat()
    if style == "english":
        return day.strftime("%b. %d, %Y")
    raise ValueError(style)


def order_number(style: str, day: dt.date, rng: random.Random) -> str | None:
    """An order number in one customer's style; None when the customer never numbers orders."""
    if style == "none":
        return None
    if style == "po-year":
        return f"PO-{day.year}-{rng.randrange(100, 9999):04d}"
    if style == "numeric":
        return f"{day:%y%m%d}{rng.randrange(1, 99):02d}"
    if style == "dash":
        return f"A{day:%y%m}-{rng.randrange(1, 60):02d}"
    if style == "hash":
        return f"{rng.randrange(1000, 99999):06d}"
    raise ValueError(style)
