"""Which product a written line means, in tiers, each candidate saying which tier and why (pure).

(a) our product code or JAN, tolerant of OCR look-alikes; (b) the customer's own item codes and
what was learned from this customer; (c) global aliases; (d) fuzzy name match over the bigram
index, reranked with rapidfuzz and sunk when sizes disagree, a word of a synonym group also
tried as the group's other words (`synonyms.py`); (e) a prior for products this customer
ordered before.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ordertake.domain import Candidate, CustomerAlias, MatchTier, Product
from ordertake.matching import confidence as conf
from ordertake.matching.glyphs import is_kanji, likeness
from ordertake.matching.index import IndexedProduct, ProductIndex, match_key
from ordertake.matching.normalize import (
    fold_kana,
    half_variants,
    loose_code,
    normalize,
    normalize_code,
    normalize_many,
)
from ordertake.matching.ocrsizes import (
    SizeReading,
    glyph_fixed_texts,
    guessed_readings,
    lost_one_readings,
    may_be_size,
    possible_sizes,
    reading_keys,
)
from ordertake.matching.sizes import (
    Spec,
    SpecCheck,
    SpecText,
    bare_numbers,
    case_count,
    compare_specs,
    names_size,
    split_specs,
)
from ordertake.matching.synonyms import written_terms
from ordertake.matching.units import PRICE_TOLERANCE, expected_price, sold_in
from ordertake.parse.numbers import ZERO_LOOKALIKES

TOP = 5
_MEANINGFUL = re.compile(r"[^\W_]")
_DIGIT = re.compile(r"\d")
HISTORY_BONUS = 0.04
PRICE_BONUS = 0.04
"""The written unit price equals the product's: evidence when OCR garbled the name."""
PRICE_UNIQUE_BONUS = 0.08
"""Only one of the candidates has the written price: it tells near neighbours apart."""
OTHER_UNIT_FACTOR = 0.97
"""The line's unit is neither the product's nor a case (缶 for a product sold by the パック):
a neighbour sold in that unit is a little likelier (the single can, not its six-pack)."""
CODE_HINT_BONUS = 0.12
"""A written code that is this product's code or a maker's item code of it (an alias) with its
head garbled (B-10053 read 190053, MD-0140 read 1MD-0140)."""
CODE_TAIL = 4
"""Trailing characters of a code that must survive OCR for the code to count as a hint."""
HEAD_EDITS = 2
HEAD_GROWN_EDITS = 3
"""Edits at most in a garbled code's head; one more when the head came back longer."""
SIZE_READING_FACTOR = 0.95
"""A size that agrees only once an OCR misreading is undone ('590ml' for 500ml): a little
less than a size read as written, a little more than no size at all (0.93)."""
FURTHER_READING_FACTOR = 0.99
"""Each further misreading undone in the same line ('79L 56枚' for 70L 50枚) costs this much
more, so the reading with fewer wins between products, still above no size at all."""
READING_OVER_NONE = 1.01
"""A reading that makes one of the product's sizes agree, against the same product's sizes
all unwritten: the reading is a little better however many other sizes it leaves out."""
SIZE_GUESS_FACTOR = 0.9
"""A size one digit away from the product's that no known misreading explains (24kg for 25kg):
below a size not written at all (0.93), above a product without that kind of size (0.85) or
one whose size contradicts it."""
UNEXPLAINED_NUMBER_FACTOR = 0.9
"""A number written without a unit that is a size of another candidate (1.8 of 1.8mm) and none
of this one's: like a size written that the product does not state (0.85), a little milder, as
a bare number may be something else."""
NAMES_ANOTHER = 70
"""A written name found this well (0..100) in a product's is that product's: a maker's item code
of another product beside it was misread (a name OCR garbled past this proves nothing)."""
NAME_CLEAR = 70.0
"""Name similarity (0..100) at which the best-named candidates' sizes are worth reading as
misread while another candidate has the size as read: a name found this well says the
product, a weaker one (a synonym the master lacks) does not outweigh a size read clearly."""
NAME_ALIKE = 0.8
"""Names found at least this share as well as the best one's are alike for the unit price to
choose among."""
SUPPLIED_DIGIT_CAP = 0.65
"""Confidence at most when the sizes agree only once a digit OCR never showed is put in (60ml
for 600ml: a 50g as read may as well be 150g as 500g): the clerk confirms it."""


def sizes_agree(query: frozenset[Spec], product: frozenset[Spec], case_qty: int | None) -> bool:
    """Every size written is one the product has (so the sizes were read right), a count
    perhaps its case quantity (`sizes.case_count`)."""
    if not query:
        return False  # nothing read: a unit lost to OCR ('醤油19') may still be found
    counts = {v for k, v in product if k == "n"}
    case = case_count({v for k, v in query if k == "n"}, counts, case_qty)
    return all(value in {v for k, v in product if k == kind} or (kind, value) == ("n", case)
               for kind, value in query)


def _sizes_of(items: list[IndexedProduct]) -> frozenset[Spec]:
    """Every size the candidates have, a case quantity as a pack: what a reading may reach."""
    found: set[Spec] = set()
    for item in items:
        found |= item.specs
        if item.product.case_qty:
            found.add(("n", float(item.product.case_qty)))
    return frozenset(found)


def code_resembles(read: str, code: str) -> bool:
    """Loose codes alike except for a garbled head: the tail intact, at most two edits, or three
    when the head came back longer (the letter and dash read as digits: E-10693 as 4330693)."""
    most = HEAD_GROWN_EDITS if len(read) > len(code) else HEAD_EDITS
    return (
        len(read) > CODE_TAIL
        and len(code) > CODE_TAIL
        and read[-CODE_TAIL:] == code[-CODE_TAIL:]
        and Levenshtein.distance(read, code, score_cutoff=most) <= most
    )


# In a code's digits a faxed zero may also come back as the letter e (SN-0043 read sN-ee43).
_ZERO_IN_CODES = ZERO_LOOKALIKES + "e"
_ZERO_RUN = re.compile(f"[{_ZERO_IN_CODES}]{{2,}}")


def zero_readings(read: str) -> list[str]:
    """A loose code as read, with one digit a faxed zero comes back as (9, 6, 8, e) taken for
    the 0 it may be (G19282 for G-10282), and with a run of them taken for zeros (sn-ee43)."""
    singles = [f"{read[:k]}0{read[k + 1 :]}" for k, c in enumerate(read) if c in _ZERO_IN_CODES]
    runs = [f"{read[: m.start()]}{'0' * len(m.group(0))}{read[m.end() :]}"
            for m in _ZERO_RUN.finditer(read)]
    return list(dict.fromkeys([read, *singles, *runs]))


@dataclass(frozen=True)
class PriceHint:
    unit_price: float | None
    unit: str | None
    agreed: dict[str, float] = field(default_factory=dict)
    """The customer's agreed prices by product code."""


_CODE_TOKEN = re.compile(r"^(?=.*\d)[0-9a-z][0-9a-z\-_./]{3,}$")


def _code_tokens(norm: str) -> list[str]:
    """Words of a line that look like codes: letters/digits with a digit, and not a size."""
    return [w for w in norm.split() if _CODE_TOKEN.match(w) and not split_specs(w).specs]


def _garbled_sizes(codes: list[str]) -> list[str]:
    """Code-like words that may be sizes OCR garbled ('4509' for 450g, '1000nml'): as sizes
    they still tell products apart, though their letters say nothing about the name."""
    return [w for w in codes if may_be_size(w)]


# The pieces a written word is looked for by: runs of one script (kanji, katakana, latin letters,
# digits). Japanese compounds join their parts across scripts and customers write the parts in
# either order (バター有塩 for 有塩バター), so each part is looked for on its own; punctuation
# such as the brackets around a maker glued to the word before it separates pieces too.
_PIECE = re.compile(r"\d[\d.]*|[a-z]+|[ァ-ヺ][ァ-ヺ\-]*|[^\W\da-zァ-ヺ_]+")
_KANA_OR_LATIN = re.compile(r"[\da-zァ-ヺ]")
KANJI_IN_ANY_ORDER = 0.9
"""A run of kanji whose characters all stand in the name, in another order (芋焼酎 for 本格焼酎
芋): each kanji is a word of its own, so this is nearly as good as finding the run as written."""


_USED = "\x00"
"""Stands in for name characters a written piece has already been found in."""
FOUND_ENOUGH = 60
"""A piece found at least this well takes the characters it was found in: a later piece must be
found elsewhere (麦 of 大雪麦酒 is not the 麦 of 本格焼酎 麦)."""


TILED_FACTOR = 0.9
"""A piece found as two or more parts of the name, each where it stands in the name: nearly as
good as found whole, like kanji found in another order."""
MIN_TILE = 2
"""Characters a part needs: one character is found in too many names by chance."""


def _tiles(piece: str, name: str) -> tuple[int, str]:
    """Characters of `piece` found in `name` as two or more parts (its longest common runs, each
    in characters of both that no longer part took: the piece as the name's words glued together
    with one left out), and the name with them marked used; (0, name) when it is not so."""
    found, parts, left = 0, 0, name
    while len(piece) >= MIN_TILE:
        match = SequenceMatcher(None, piece, left, autojunk=False).find_longest_match()
        if match.size < MIN_TILE:
            break
        found, parts = found + match.size, parts + 1
        piece = piece[: match.a] + "\x01" + piece[match.a + match.size:]
        left = left[: match.b] + _USED * match.size + left[match.b + match.size:]
    return (found, left) if parts > 1 else (0, name)


def _found(piece: str, targets: list[str], covered: list[float]) -> float:
    """0..100: how well one written piece is found in what is left of the name or its reading.

    The characters it is found in are marked used in `targets`, and `covered` (per target) grows
    by how many characters of it the piece accounts for.
    """
    best, where, span = 0.0, 0, (0, 0)
    for k, target in enumerate(targets):
        hit = fuzz.partial_ratio_alignment(piece, target)
        if hit is None:
            continue
        # A piece longer than the name is aligned by its best window: the characters outside
        # the window are not found ('瀬戸内酒造消油上撰' is not all in 瀬戸内酒造 梅酒).
        score = hit.score * (hit.src_end - hit.src_start) / len(piece)
        if score > best:
            best, where, span = score, k, (hit.dest_start, hit.dest_end)
    # Only a piece not found nearly whole can do better in parts (and SequenceMatcher is slow).
    in_parts, name = _tiles(piece, targets[0]) if best < 100 * TILED_FACTOR else (0, "")
    tiled = 100 * TILED_FACTOR * in_parts / len(piece)
    if tiled > best:
        # The piece is the name's parts glued together, a word between them left out
        # (みなとハンバーグ for みなと冷食 ハンバーグ): found part by part.
        targets[0] = name
        covered[0] += TILED_FACTOR * in_parts
        return tiled
    in_any_order = 0.0
    if len(piece) > 1 and not _KANA_OR_LATIN.match(piece):
        shared = Counter(piece) & Counter(targets[0])
        in_any_order = 100 * KANJI_IN_ANY_ORDER * sum(shared.values()) / len(piece)
    if in_any_order > best:
        name = targets[0]
        for char in shared.elements():
            name = name.replace(char, _USED, 1)
        targets[0] = name
        covered[0] += KANJI_IN_ANY_ORDER * sum(shared.values())
        return in_any_order
    if best >= FOUND_ENOUGH:
        start, end = span
        targets[where] = targets[where][:start] + _USED * (end - start) + targets[where][end:]
        covered[where] += (end - start) * best / 100
    return best


def text_similarity(query: str, item: IndexedProduct) -> float:
    """0..100: how much of what was written is found in the name, and how much of the name it
    accounts for.

    Each written word is looked for inside the name or its reading (so 「北星 あぶらあげ」 finds
    the maker in the name and the item in the reading; a maker shortened to its first characters
    or an omitted word costs little), a part in one script at a time, the longest first, each
    in characters no other part was found in. The name with nothing left over is preferred:
    by the share of it the written words were found in (in any order: 「こいくちしょうゆ
    (丸正醤油)」 is all of 丸正醤油 こいくちしょうゆ), or by how alike both are as written.
    """
    pieces = _PIECE.findall(query)
    if not pieces:
        return 0.0
    name, kana = item.name.text.replace(" ", ""), item.kana.text.replace(" ", "")
    targets = [name, kana] if kana else [name]
    covered = [0.0] * len(targets)
    total = sum(len(w) for w in pieces)
    found = sum(
        len(w) * _found(w, targets, covered) for w in sorted(pieces, key=len, reverse=True)
    )
    share = max(c / len(t) for c, t in zip(covered, targets, strict=True))
    compact = "".join(pieces)
    overall = max(fuzz.ratio(compact, name), fuzz.ratio(compact, kana), 100 * share)
    return 0.6 * found / total + 0.4 * overall


LOOKALIKE_MIN = 0.75
"""A kanji no candidate has is taken for a candidate's kanji printed at least this alike."""
LOOKALIKE_COST = 25.0
"""Similarity points (0..100) a look-alike taken costs per unit of unlikeness (1 − likeness):
a close look-alike (表 for 麦, 0.81) costs about 5, a little less than the character found."""
LOOKALIKE_MAX_GAIN = 5.0
"""Similarity points look-alikes may add at most: less than a unit price only one candidate
has (`PRICE_UNIQUE_BONUS`), which is read far more surely than a garbled kanji."""
LOOKALIKE_CAP = 0.65
"""Confidence at most when a look-alike decided the product: the clerk confirms it."""


def unknown_kanji(text: str, items: list[IndexedProduct]) -> list[str]:
    """Kanji of a written line that no candidate's name or reading has: misread, most likely."""
    kanji = [c for c in dict.fromkeys(text) if is_kanji(c)]
    return [c for c in kanji
            if not any(c in item.name.text or c in item.kana.text for item in items)]


def lookalike_similarity(text: str, item: IndexedProduct, unknown: list[str]) -> float:
    """`text_similarity` with each unknown kanji taken for the name's kanji printed most like
    it (表茶 for 麦茶), less a cost for how unlike they print; 0 when none is alike enough."""
    name = item.name.text
    spare = [c for c in dict.fromkeys(name) if is_kanji(c) and c not in text]
    repaired, cost = text, 0.0
    for char in unknown:
        if not spare:
            break
        best = max(spare, key=lambda c: likeness(char, c))
        alike = likeness(char, best)
        if alike >= LOOKALIKE_MIN:
            repaired = repaired.replace(char, best)
            cost += LOOKALIKE_COST * (1 - alike)
            spare.remove(best)
    if repaired == text:
        return 0.0
    return text_similarity(repaired, item) - cost


VARIANT_COST = 5.0
"""Similarity points a kanji spelling taken from one of its two kanji costs (味酔 for 味醂):
about what a close look-alike costs (`LOOKALIKE_COST`)."""
VARIANT_MAX_GAIN = 15.0
"""Similarity points such a spelling may add at most: the kana it stands for is a whole word
of the name, worth more than one look-alike kanji (`LOOKALIKE_MAX_GAIN`); 味酔 for 本みりん
gains 15 (53 → 68, past 穀物酢's 59 with 酔 taken for 酢). The line stays below auto-accept
like a look-alike's (`LOOKALIKE_CAP`)."""


def variant_similarity(text: str, item: IndexedProduct, unknown: list[str]) -> float:
    """`text_similarity` with a kanji spelling of a kana word of the name read with one kanji
    misread (味酔 for 味醂, みりん) taken for that word, less a cost; 0 when there is none."""
    best = 0.0
    for pair, kana in half_variants(text, set(unknown)):
        if kana in item.name.text or kana in item.kana.text:
            best = max(best, text_similarity(text.replace(pair, kana), item) - VARIANT_COST)
    return best


SYNONYM_COST = 3.0
"""Similarity points a written word costs when only another word of its synonym group is in
the name (削り節 for 花かつお): the product with the word as written wins when both are."""
SYNONYM_CAP = 0.7
"""Confidence at most when a synonym decided the product and neither a written size nor the
unit price agrees with it: the words are one thing, the product may still be another's."""
MAX_SYNONYM_VARIANTS = 6
"""Rewritings of one line tried at most (a line rarely holds more than one group word)."""


def _as_read_confidence(raws: dict[int, float], top: int) -> float:
    """Confidence in `top` from the scores as read, before look-alikes were taken: a
    look-alike may decide the product, never make the line sure."""
    ranked = sorted(raws, key=lambda i: (-raws[i], i))
    if ranked[0] != top:
        return LOOKALIKE_CAP
    runner_up = raws[ranked[1]] if len(ranked) > 1 else 0.0
    return conf.fuzzy_confidence(raws[top], runner_up)


class ProductMatcher:
    def __init__(
        self,
        products: list[Product],
        customer_aliases: list[CustomerAlias],
        history: dict[str, dict[str, int]],
    ) -> None:
        self.index = ProductIndex(products)
        self.by_code: dict[str, int] = {}
        self.by_loose_code: dict[str, list[int]] = defaultdict(list)
        self.by_code_tail: dict[str, list[int]] = defaultdict(list)
        self.by_alias: dict[str, list[int]] = defaultdict(list)
        self.codes = normalize_many([p.code for p in products])
        self.written_codes: list[list[str]] = []
        """Per product, the loose codes a customer may write for it: ours and its aliases'."""
        for i, (p, code) in enumerate(zip(products, self.codes, strict=True)):
            self.by_code.setdefault(code, i)
            self.by_loose_code[loose_code(code)].append(i)
            self.written_codes.append([loose_code(code)])
            if p.jan:
                self.by_code.setdefault(normalize(p.jan), i)
            for alias in p.aliases:
                norm = normalize(alias)
                if norm:
                    self.by_alias[norm].append(i)
                    if loose_code(norm) != norm:
                        self.by_alias[loose_code(norm)].append(i)
                    if _DIGIT.search(norm):  # a maker's item code (MD-0140) garbles like ours
                        self.written_codes[i].append(loose_code(norm))
            for loose in dict.fromkeys(self.written_codes[i]):
                self.by_code_tail[loose[-CODE_TAIL:]].append(i)
        self.customer_alias: dict[tuple[str, str], CustomerAlias] = {}
        codes = {p.code for p in products}
        for a in customer_aliases:
            if a.product_code in codes:
                self.customer_alias[(a.customer_code, normalize(a.text))] = a
                self.customer_alias.setdefault((a.customer_code, normalize_code(a.text)), a)
        self.history = history
        self._synonym_useful: dict[tuple[str, str], bool] = {}

    def product(self, i: int) -> Product:
        return self.index.items[i].product

    def position(self, code: str) -> int | None:
        return self.by_code.get(normalize(code))

    # ── tiers ──────────────────────────────────────────────────────────────────────────

    def _customer_tier(self, texts: list[str], customer: str | None) -> list[Candidate]:
        if not customer:
            return []
        for text in texts:
            for key in (normalize(text), normalize_code(text)):
                alias = self.customer_alias.get((customer, key))
                if alias and key:
                    learned = alias.learned
                    return [
                        Candidate(
                            alias.product_code,
                            conf.SCORE_LEARNED if learned else conf.SCORE_CUSTOMER_ITEM_CODE,
                            MatchTier.CUSTOMER_ALIAS,
                            ("この得意先から学習済み" if learned else "得意先の品番")
                            + f"「{text}」",
                            text,
                        )
                    ]
        return []

    def _code_tier(self, codes: list[str], name_text: str) -> list[Candidate]:
        out: list[Candidate] = []
        for code in codes:
            exact = self.by_code.get(normalize(code))
            hits = (
                [exact] if exact is not None else self.by_loose_code.get(normalize_code(code), [])
            )
            for i in hits:
                p = self.product(i)
                if exact is not None:
                    score, why = conf.SCORE_CODE_EXACT, f"コード一致 {code}"
                elif len(hits) == 1:
                    score, why = conf.SCORE_CODE_OCR, f"コード一致（読み違い補正 {code}→{p.code}）"
                else:
                    score, why = conf.SCORE_CODE_AMBIGUOUS, f"コード {code} は複数の商品に読める"
                if name_text and self._name_similarity(name_text, i) < 45:
                    score, why = min(score, conf.NAME_DISAGREES_CAP), why + "・品名が一致しない"
                out.append(Candidate(p.code, score, MatchTier.CODE, why, code))
        return out

    def _alias_tier(self, texts: list[str], name_text: str) -> list[Candidate]:
        """Products with a written text as an alias; an alias that is a code (a maker's item
        code) whose product the written name is not, while it clearly is another's, is left for
        the clerk (HS-0184 read MS-0184 is another maker's item)."""
        for text in texts:
            hits = self.by_alias.get(normalize(text)) or self.by_alias.get(normalize_code(text))
            if hits:
                unique = sorted(set(hits))
                score = conf.SCORE_GLOBAL_ALIAS if len(unique) == 1 else conf.SCORE_CODE_AMBIGUOUS
                codelike = bool(_DIGIT.search(text)) and bool(name_text) and (
                    normalize(text) != normalize(name_text))
                out = []
                for i in unique:
                    why = f"別名「{text}」"
                    if (codelike and self._name_similarity(name_text, i) < 45
                            and self._names_another(name_text)):
                        score, why = min(score, conf.NAME_DISAGREES_CAP), why + "・品名が一致しない"
                    out.append(Candidate(self.product(i).code, score, MatchTier.GLOBAL_ALIAS,
                                         why, text))
                return out
        return []

    def _names_another(self, text: str) -> bool:
        """Whether a written name is clearly some product's (not just unreadable)."""
        key = match_key(text)
        return any(text_similarity(key.text, self.index.items[i]) >= NAMES_ANOTHER
                   for i, _ in self.index.candidates(key, limit=10))

    def _name_similarity(self, text: str, i: int) -> float:
        words, item = match_key(text).text, self.index.items[i]
        return max(text_similarity(words, item),
                   _synonym_similarity(self._synonym_variants(words), item))

    def _synonym_variants(self, words: str) -> list[tuple[str, str, str]]:
        """The written words with one word of a synonym group (`synonyms.py`) replaced by
        another of the group where that can find something: (text, the word as written, the
        word put in). A spelling inside the other (モータ, モーター) is found by the fuzzy
        match already."""
        out = []
        for start, end, others in written_terms(words):
            written = words[start:end]
            for other in others:
                if other in written or written in other or not self._synonym_finds(
                        written, other):
                    continue
                out.append((words[:start] + other + words[end:], written, other))
        return out[:MAX_SYNONYM_VARIANTS]

    def _synonym_finds(self, written: str, other: str) -> bool:
        """Whether some product is `_synonym_named` by `other` (one with every bigram of
        `written` is taken to hold it, which spares a pass over all of a common word's
        products); looked up once per pair of words."""
        found = self._synonym_useful.get((written, other))
        if found is None:
            maybe = set(self.index.holding(other)).difference(self.index.holding(written))
            items = self.index.items
            found = any(_synonym_named(items[i], written, other) for i in maybe)
            self._synonym_useful[(written, other)] = found
        return found

    def _price_agrees(self, product: Product, price: PriceHint | None) -> bool:
        if price is None or price.unit_price is None:
            return False
        expected = expected_price(product, price.unit, price.agreed.get(product.code))
        if not expected:
            return False
        return abs(price.unit_price - expected) <= PRICE_TOLERANCE * expected

    def _code_resembles(self, read: str, i: int, zeros: bool = True) -> bool:
        """Whether a loose code as read (and, with `zeros`, with a zero look-alike undone) is
        one of this product's with its head garbled."""
        return any(
            code_resembles(variant, code)
            for variant in (zero_readings(read) if zeros else [read])
            for code in self.written_codes[i]
        )

    def _candidate_positions(self, key: SpecText, codes: list[str], folded: str) -> list[int]:
        """The index's candidates plus products whose code a written code resembles; `folded`
        is the text before its sizes were split off (for the sizes it may stand for)."""
        maybe = possible_sizes(folded) if _DIGIT.search(folded) else frozenset()
        found = [i for i, _ in self.index.candidates(key, maybe=maybe)]
        for code in codes:
            read = normalize_code(code)
            for variant in zero_readings(read):
                for i in self.by_code_tail.get(variant[-CODE_TAIL:], [])[:50]:
                    if i not in found and self._code_resembles(read, i):
                        found.append(i)
        return found

    @staticmethod
    def _size_reading(
        check: SpecCheck, item: IndexedProduct, readings: list[SizeReading]
    ) -> SpecCheck:
        """The check, or a better one when an OCR misreading of the sizes agrees with them."""
        best = check
        if check.factor >= 1.0:
            return check
        case_qty = item.product.case_qty
        for key, split_off, edits, supplied, guessed in readings:
            if split_off is not None and not names_size(split_off, item.specs):
                continue
            alt = compare_specs(key.specs, item.specs, case_qty, bare_numbers(key.text))
            if guessed:
                factor = SIZE_GUESS_FACTOR * alt.factor
            else:
                factor = SIZE_READING_FACTOR * FURTHER_READING_FACTOR ** (edits - 1) * alt.factor
            agrees = alt.reason.startswith("サイズ一致")
            if not (agrees or guessed and not alt.reason.startswith("サイズ不一致")):
                continue  # a guess that leaves a size out ('04個') need only not contradict
            named_none = not check.reason.startswith("サイズ一致")
            if agrees and not guessed and named_none and alt.factor >= check.factor:
                # Naming one of its sizes beats naming none, though both leave another of
                # its sizes unwritten ('オレンジ 16' for the 100% 1L juice: 1L, no 100%).
                further = FURTHER_READING_FACTOR ** (edits - 1)
                factor = max(factor, check.factor * READING_OVER_NONE * further)
            doubtful = supplied or guessed
            surer = factor == best.factor > check.factor and best.supplied_digit and not doubtful
            if factor > best.factor or surer:
                why = "（読み違い補正・桁の脱落）" if supplied else "（読み違い補正）"
                why = "（読み違いの推定）" if guessed else why
                best = SpecCheck(factor, alt.reason + why, doubtful)
        return best

    def _fuzzy_tier(
        self,
        text: str,
        customer: str | None,
        price: PriceHint | None = None,
        codes: list[str] | None = None,
        sized: str | None = None,
    ) -> list[Candidate]:
        """Fuzzy candidates for the name `text`; `sized` is it with the garbled sizes among the
        line's code-like words put back, for the sizes alone."""
        key = match_key(sized or text)
        words = match_key(text).text if sized else key.text
        if not key.text and not key.specs:
            return []
        ordered = self.history.get(customer or "", {})
        folded = fold_kana(normalize(sized or text))
        positions = self._candidate_positions(key, codes or [], folded)
        variants = self._synonym_variants(words)
        for variant, written, word in variants:
            for i, _ in self.index.candidates(SpecText(variant, key.specs)):
                item = self.index.items[i]
                if i not in positions and _synonym_named(item, written, word):
                    positions.append(i)
        items = [self.index.items[i] for i in positions]
        bare = bare_numbers(key.text)
        unheard = key.specs - _sizes_of(items)
        checks = [compare_specs(key.specs, it.specs, it.product.case_qty, bare, unheard)
                  for it in items]
        sims = [text_similarity(words, item) for item in items]
        synonym = set()
        for k, item in enumerate(items):
            # Another word of a synonym group in the name: the line as if written with it.
            alt = _synonym_similarity(variants, item)
            if alt > sims[k]:
                sims[k] = alt
                synonym.add(positions[k])
        top = max(sims, default=0.0)
        best_named = [it for it, sim in zip(items, sims, strict=True) if sim >= NAME_ALIKE * top]
        agreeing = [it for it in items if sizes_agree(key.specs, it.specs, it.product.case_qty)]
        if _DIGIT.search(key.text) or not agreeing or top >= NAME_CLEAR and not any(
            it in agreeing for it in best_named
        ):
            # A number left without a unit, no candidate with the sizes as read, or none of
            # the clearly named candidates has them (ham read '600g' when the ham comes in
            # 100g and 500g and only the maker's sausage in 600g): an OCR misreading of their
            # sizes? When another candidate has the sizes as read, only the best-named are
            # read so: a size misread is no reason to take a product the name does not say.
            reread = items if not agreeing or _DIGIT.search(key.text) else best_named
            wanted = _sizes_of(items)
            stated = frozenset().union(*(it.specs for it in items))
            readings = (reading_keys(folded, wanted) + lost_one_readings(folded, wanted)
                        + guessed_readings(folded, wanted, stated))
            for fixed in glyph_fixed_texts(folded, wanted):
                # One size's glyph undone, another size guessed ('500m] x44缶': 500ml ×24).
                readings += guessed_readings(fixed, wanted, stated)
            checks = [self._size_reading(c, it, readings) if it in reread else c
                      for c, it in zip(checks, items, strict=True)]
        priced = {i for i in positions if self._price_agrees(self.product(i), price)}
        sims_as_read = list(sims)
        unknown = unknown_kanji(words, items)
        lookalike = set()
        if unknown:
            for k, item in enumerate(items):
                alt = max(min(lookalike_similarity(words, item, unknown),
                              sims[k] + LOOKALIKE_MAX_GAIN),
                          min(variant_similarity(words, item, unknown),
                              sims[k] + VARIANT_MAX_GAIN))
                if alt > sims[k]:
                    sims[k] = alt
                    lookalike.add(positions[k])
        alike = [k for k, i in enumerate(positions)
                 if i in priced and sims[k] >= NAME_ALIKE * max(sims, default=0.0)]
        if len(alike) == 1:
            # The one product at the written unit price among those named alike, its sizes
            # unlike what was read only by sizes no candidate has: the price tells what they
            # were, as a guess would.
            k = alike[0]
            if checks[k].misread:
                why = checks[k].reason + "（単価から推定）"
                checks[k] = SpecCheck(SIZE_GUESS_FACTOR, why, supplied_digit=True)
        guessed = {i for i, c in zip(positions, checks, strict=True) if c.supplied_digit}
        sizelike = [b for b in bare if b >= 10 or b != int(b)]  # a lone digit may be anything
        named = [b for b in sizelike if any(names_size(b, it.specs) for it in items)]
        read_codes = [normalize_code(c) for c in codes or []]
        hinted = {i for i in positions if any(self._code_resembles(r, i) for r in read_codes)}
        as_read = {i for i in hinted if any(self._code_resembles(r, i, False) for r in read_codes)}
        hinted = as_read or hinted  # a code's tail as read beats one with a zero put back
        scored: list[tuple[float, int, str, MatchTier]] = []
        read_raws: dict[int, float] = {}
        for i, item, check, sim, read_sim in zip(positions, items, checks, sims, sims_as_read,
                                                 strict=True):
            # raw = similarity × scale + bonus; the same terms give the score as read.
            scale, bonus = check.factor / 100, 0.0
            reason = f"品名類似 {sim:.0f}%" + (f"・{check.reason}" if check.reason else "")
            if i in lookalike:
                reason += "・似た字の読み違い"
            if i in synonym:
                reason += "・同義語で一致"
            tier = MatchTier.FUZZY
            times = ordered.get(item.product.code, 0)
            if times:
                bonus += HISTORY_BONUS * min(1.0, math.log1p(times) / math.log(10))
                reason += f"・過去の注文 {times}回"
                tier = MatchTier.HISTORY
            if named and not any(names_size(b, item.specs) for b in named):
                scale, bonus = scale * UNEXPLAINED_NUMBER_FACTOR, bonus * UNEXPLAINED_NUMBER_FACTOR
                reason += "・数字" + "/".join(f"{b:g}" for b in named) + "はサイズにない"
            if i in priced:
                # Unique among all candidates, or among those named alike: a product of
                # another name at the same price says nothing against this one.
                unique = len(priced) == 1 or [positions[k] for k in alike] == [i]
                bonus += PRICE_UNIQUE_BONUS if unique else PRICE_BONUS
                reason += "・単価一致"
            if price and price.unit and not sold_in(item.product, price.unit):
                scale, bonus = scale * OTHER_UNIT_FACTOR, bonus * OTHER_UNIT_FACTOR
                reason += f"・単位{item.product.unit}"
            if i in hinted:
                bonus += CODE_HINT_BONUS
                reason += "・コード類似"
            scored.append((min(sim * scale + bonus, 1.0), i, reason, tier))
            read_raws[i] = min(read_sim * scale + bonus, 1.0)
        scored.sort(key=lambda s: (-s[0], s[1]))
        if not scored:
            return []
        best_raw = scored[0][0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        best = conf.fuzzy_confidence(best_raw, runner_up)
        if scored[0][1] in guessed:
            best = min(best, SUPPLIED_DIGIT_CAP)
        note = ""
        sim_of = dict(zip(positions, sims, strict=True))
        top_sim = sim_of[scored[0][1]]
        if scored[0][1] not in hinted and any(
                sim_of[i] >= NAME_ALIKE * top_sim for i in hinted):
            # The written code is a sibling's (the same name, another size), garbled: the
            # code and the sizes as read disagree.
            best = min(best, conf.NAME_DISAGREES_CAP)
            note = "・コードは別の商品に似る"
        if scored[0][1] in lookalike:
            best = min(best, _as_read_confidence(read_raws, scored[0][1]))
        top_item = self.index.items[scored[0][1]]
        if scored[0][1] in synonym and not (
                scored[0][1] in priced
                or sizes_agree(key.specs, top_item.specs, top_item.product.case_qty)):
            best = min(best, SYNONYM_CAP)
        out = []
        for rank, (raw, i, reason, tier) in enumerate(scored[: TOP + 2]):
            score = best if rank == 0 else conf.other_confidence(raw, best_raw, best)
            reason += note if rank == 0 else ""
            out.append(Candidate(self.product(i).code, max(score, 0.0), tier, reason, text))
        return out

    # ── all tiers together ─────────────────────────────────────────────────────────────

    def match(
        self,
        description: str,
        code: str | None = None,
        customer: str | None = None,
        price: PriceHint | None = None,
    ) -> list[Candidate]:
        """Top candidates for one line, best first; [] when nothing resembles it."""
        norm = normalize(description)
        if not _MEANINGFUL.search(norm) and not (code and _MEANINGFUL.search(code)):
            return []  # only symbols or nothing: there is nothing to match
        written = _code_tokens(norm)
        codes = ([code] if code and normalize(code) else []) + written
        name_text = " ".join(w for w in norm.split() if w not in codes)
        texts = ([code] if code else []) + [description] + codes
        texts = [t for t in texts if t and normalize(t)]
        found: dict[str, Candidate] = {}
        tiers = (
            self._customer_tier(texts, customer),
            self._code_tier(codes, name_text),
            self._alias_tier(texts, name_text),
        )
        for candidates in tiers:
            _keep_best(found, candidates)
        strong = any(c.score >= conf.SCORE_GLOBAL_ALIAS for c in found.values())
        if name_text and not strong:
            garbled = _garbled_sizes(written)
            sized = " ".join([name_text, *garbled]) if garbled else None
            _keep_best(found, self._fuzzy_tier(name_text, customer, price, codes, sized))
        ranked = sorted(found.values(), key=lambda c: -c.score)
        return ranked[:TOP]


def _synonym_similarity(variants: list[tuple[str, str, str]], item: IndexedProduct) -> float:
    """The best similarity of the line rewritten with a synonym the product's name holds,
    less SYNONYM_COST; -inf when no rewriting names it."""
    return max((text_similarity(variant, item) - SYNONYM_COST
                for variant, written, word in variants if _synonym_named(item, written, word)),
               default=float("-inf"))


def _synonym_named(item: IndexedProduct, written: str, other: str) -> bool:
    """Whether a product's name holds the (folded) synonym `other` and neither its name nor
    its reading the word as written (else it is found as written). The synonym is looked for
    in the name only: a reading runs its words together (テイトーフライド, 低糖フライド, holds
    トーフ)."""
    return (other in item.name.text
            and written not in item.name.text and written not in item.kana.text)


def _keep_best(found: dict[str, Candidate], candidates: list[Candidate]) -> None:
    """Add candidates to `found`, keeping each product's highest-scoring one."""
    for c in candidates:
        if c.product_code not in found or found[c.product_code].score < c.score:
            found[c.product_code] = c
