"""A size written in the remarks column beside the name is part of the name."""

from __future__ import annotations

from parse_words import line, make_page
from test_parse_layout import META

from ordertake.parse.order import parse_pages

X = {"qty": 0.10, "unit": 0.16, "code": 0.25, "name": 0.36, "note": 0.70}


def _row(y: float, *texts: str) -> list:
    return line(y, *[(x, t) for x, t in zip(X.values(), texts, strict=True) if t])


def test_a_remark_that_is_only_a_size_goes_with_the_name() -> None:
    page = make_page(_row(0.20, "数量", "単位", "品番", "品名", "備考"),
                     _row(0.23, "12", "本", "", "朝霧ビバレッジ りんごジュース100%", "1L."),
                     _row(0.26, "3", "本", "", "丸正醤油 穀物酢 500ml", "至急"),
                     _row(0.29, "2", "ケース", "", "瀬戸内酒造 チューハイ", "500ml×24缶"))
    lines = parse_pages([page], META)[0].lines
    assert [(x.description, x.note) for x in lines] == [
        ("朝霧ビバレッジ りんごジュース100% 1L", ""),
        ("丸正醤油 穀物酢 500ml", "至急"),
        ("瀬戸内酒造 チューハイ 500ml×24缶", ""),
    ]
