"""Size units misread by OCR in descriptions (parse/ocrsizes.py)."""

from __future__ import annotations

import pytest
from parse_words import line, make_page

from ordertake.domain import PageSource, SourceMeta
from ordertake.parse.ocrsizes import repair_sizes
from ordertake.parse.order import parse_pages


@pytest.mark.parametrize(
    ("read", "meant"),
    [("麦茶500mt (富士山麓)", "麦茶500ml (富士山麓)"), ("生クリーム 1000m2", "生クリーム 1000ml"),
     ("ミートソース 1ke「", "ミートソース 1kg"),
     ("スパゲッティ 1.8mn 500g", "スパゲッティ 1.8mm 500g"),
     ("カレー 辛口 !キロ", "カレー 辛口 1キロ"),
     # left alone: real sizes, lengths, small areas, letters that are no unit
     ("ラップ 30cm×100m", "ラップ 30cm×100m"), ("シート 2m2", "シート 2m2"), ("1.8L", "1.8L"),
     ("GT500mt", "GT500mt")],
)
def test_repair_sizes(read: str, meant: str) -> None:
    assert repair_sizes(read) == meant


def _parse(source: PageSource) -> str:
    page = make_page(line(0.30, (0.10, "商品名"), (0.60, "数量"), (0.70, "単位")),
                     line(0.33, (0.10, "麦茶500mt"), (0.62, "6"), (0.70, "本")), source=source)
    return parse_pages([page], SourceMeta(filename="x"))[0].lines[0].description


def test_only_ocr_pages_are_repaired() -> None:
    assert _parse(PageSource.OCR) == "麦茶500ml"
    assert _parse(PageSource.TEXT_LAYER) == "麦茶500mt"
