"""A character-bigram inverted index over product names and readings (pure, numpy).

Built once per catalog; `candidates(query)` returns the few dozen products sharing the most
(IDF-weighted) bigrams and size values with the query, so the expensive rerank only sees those.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np

from ordertake.domain import Product
from ordertake.matching.normalize import SEP, fold_kana, normalize, normalize_many
from ordertake.matching.sizes import Spec, SpecText, split_specs, split_specs_many

COMMON_SHARE = 0.5
"""A bigram in more than this share of products says nothing; skipping it keeps queries fast."""


def match_key(text: str | None) -> SpecText:
    """Normalised, kana-folded text split into words and size/pack values."""
    return split_specs(fold_kana(normalize(text)))


def match_keys(texts: list[str]) -> list[SpecText]:
    """`match_key` for many texts in a few passes (index building)."""
    if not texts:
        return []
    folded = fold_kana(SEP.join(normalize_many(texts)))
    return split_specs_many(folded.split(SEP))


_LATIN_RUN = re.compile(r"[\da-z.]+|[^\da-z.]+")
"""A word's runs of latin letters and digits, and of the rest (kana, kanji)."""


def text_terms(text: str) -> set[str]:
    """Bigrams of each word padded with ^ and $, so one-character words still count; a word
    that mixes Japanese with latin letters or digits gives its Japanese runs' padded bigrams
    too: OCR glues a unit or a letter to the word before it (塩KG is the 塩 of 食塩 1kg). The
    latin and digit runs give none of their own: a digit alone says nothing of a name."""
    terms: set[str] = set()
    for word in text.split():
        runs = _LATIN_RUN.findall(word)
        japanese = [r for r in runs if not r[0].isascii()] if len(runs) > 1 else []
        for part in [word, *japanese]:
            padded = f"^{part}$"
            terms.update(padded[i : i + 2] for i in range(len(padded) - 1))
    return terms


def spec_terms(specs: Iterable[Spec]) -> set[str]:
    return {f"§{kind}{value:g}" for kind, value in specs}


class IndexedProduct(NamedTuple):
    product: Product
    name: SpecText
    kana: SpecText

    @property
    def specs(self) -> frozenset[Spec]:
        return self.name.specs or self.kana.specs


class ProductIndex:
    def __init__(self, products: list[Product]) -> None:
        names = match_keys([p.name for p in products])
        kanas = match_keys([p.name_kana for p in products])
        self.items = [
            IndexedProduct(p, name, kana)
            for p, name, kana in zip(products, names, kanas, strict=True)
        ]
        vocab: dict[str, int] = {}
        cached: dict[object, list[int]] = {}

        def ids(source: str | frozenset[Spec]) -> list[int]:
            found = cached.get(source)
            if found is None:
                terms = text_terms(source) if isinstance(source, str) else spec_terms(source)
                found = cached[source] = [vocab.setdefault(t, len(vocab)) for t in terms]
            return found

        term_ids, doc_ids = array("i"), array("i")
        for doc, item in enumerate(self.items):
            unique = set(ids(item.name.text))  # a term in both name and reading counts once
            unique.update(ids(item.kana.text))
            unique.update(ids(item.specs))
            term_ids.extend(unique)
            doc_ids.extend([doc] * len(unique))
        tids = np.frombuffer(term_ids, dtype=np.int32) if term_ids else np.zeros(0, np.int32)
        docs = np.frombuffer(doc_ids, dtype=np.int32) if doc_ids else np.zeros(0, np.int32)
        # Counting sort by term: postings laid out term by term, products in order within each.
        order = np.argsort(tids, kind="stable")
        self._docs = docs[order]
        counts = np.bincount(tids, minlength=len(vocab))
        self._offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        n = max(len(self.items), 1)
        self._idf = np.log((n + 1) / (counts + 0.5)).astype(np.float32)
        self._common = counts > COMMON_SHARE * n if len(self.items) > 20 else counts < 0
        self._vocab = vocab

    def __len__(self) -> int:
        return len(self.items)

    def holding(self, word: str) -> list[int]:
        """Positions of the products whose name or reading has every bigram of `word` (those
        that may hold it; every product for a one-character word)."""
        bigrams = {word[i : i + 2] for i in range(len(word) - 1)}
        if not bigrams:
            return list(range(len(self.items)))
        found: np.ndarray | None = None
        for term in bigrams:
            tid = self._vocab.get(term)
            if tid is None:
                return []
            post = self._docs[self._offsets[tid] : self._offsets[tid + 1]]
            found = post if found is None else np.intersect1d(found, post, assume_unique=True)
        return [] if found is None else [int(i) for i in found]

    def candidates(
        self, key: SpecText, limit: int = 30, maybe: frozenset[Spec] = frozenset()
    ) -> list[tuple[int, float]]:
        """(product position, share of the query's term weight found) for the best `limit`.

        `maybe`: sizes the text may stand for besides its own (a number whose unit was lost:
        1.8 for 1.8mm or 1.8L); a product with one is found, though they add to no share.
        """
        if not self.items:
            return []
        terms = text_terms(key.text) | spec_terms(key.specs)
        total = sum(math.log(len(self.items) + 1) for _ in terms) or 1.0
        terms |= spec_terms(maybe)
        tids = [self._vocab[t] for t in terms if t in self._vocab]
        scores = np.zeros(len(self.items), dtype=np.float32)
        for tid in tids:
            if self._common[tid]:
                continue
            post = self._docs[self._offsets[tid] : self._offsets[tid + 1]]
            scores[post] += self._idf[tid]
        if len(scores) > limit:
            top = np.argpartition(-scores, limit)[:limit]
        else:
            top = np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i]) / total) for i in top if scores[i] > 0]
