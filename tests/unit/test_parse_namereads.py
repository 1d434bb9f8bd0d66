"""Product names read a second time from the page picture, for the lines the matcher is unsure
of: parse keeps where each name is printed, the pipeline reads the unsure ones again."""

from __future__ import annotations

from parse_words import make_page
from test_parse_layout import META, header, row

from ordertake.domain import Box, Product
from ordertake.matching import Catalog, Matcher
from ordertake.parse.namereads import read_names_again
from ordertake.parse.order import parse_pages
from ordertake.pipeline import ReadResult


class NameCells:
    """A cell reader that reads names (answering by the row's y position) and nothing else."""

    def __init__(self, by_y: dict[float, str]) -> None:
        self.by_y = by_y
        self.asked: list[Box] = []
        self.runs = 0

    def __call__(self, box: Box) -> str:
        return ""

    def read_names(self, boxes: list[Box]) -> list[str]:
        self.runs += 1
        self.asked += boxes
        return [next((t for y, t in self.by_y.items() if abs(b.y0 - y) < 0.004), "")
                for b in boxes]


ROWS = [row(0.33, "1", "", "朝霧 才茶 500ml", "4", "本"),
        row(0.36, "2", "", "丸正 白だし 500ml", "", ""),  # not ordered
        row(0.39, "3", "", "丸正 白だし 1L", "2", "本")]


def test_each_ordered_line_keeps_the_box_of_its_name_cell() -> None:
    lines = parse_pages([make_page(header(0.30), *ROWS)], META)[0].lines
    assert [x.description for x in lines] == ["朝霧 才茶 500ml", "丸正 白だし 1L"]
    boxes = [x.name_box for x in lines]
    assert all(b is not None and b.x0 < 0.3 < b.x1 for b in boxes)  # the name cell...
    assert all(b is not None and b.x1 < 0.6 for b in boxes)  # ...not the whole row
    assert all(x.readings == () for x in lines)  # parse reads nothing itself


def test_the_lines_asked_for_are_read_again_in_one_run() -> None:
    lines = parse_pages([make_page(header(0.30), *ROWS)], META)[0].lines
    cells = NameCells({0.33: "朝霧 麦茶 500ml", 0.39: " "})
    again = read_names_again(lines, [0, 1], cells)
    assert again[0].readings == ("朝霧 麦茶 500ml",)
    assert again[1].readings == ()  # nothing read: the line stays as it was
    assert cells.runs == 1 and len(cells.asked) == 2
    assert read_names_again(lines, [0], lambda box: "") is lines  # a reader without names


def test_only_the_lines_the_matcher_is_unsure_of_are_read_again() -> None:
    matcher = Matcher(Catalog(products=[
        Product("B-1", "朝霧 麦茶 500ml", "本", 88.0, "", 24),
        Product("B-2", "朝霧 緑茶 500ml", "本", 88.0, "", 24),
        Product("M-2", "丸正 白だし 1L", "本", 398.0, "", 12)], customers=[]))
    result = ReadResult()
    result.drafts = parse_pages([make_page(header(0.30), *ROWS)], META)
    result.metas, result.readers = [META], [NameCells({0.33: "朝霧 麦茶 500ml"})]
    (order,) = result.match(matcher)
    reader = result.readers[0]
    assert isinstance(reader, NameCells)
    assert reader.runs == 1 and len(reader.asked) == 1  # 丸正 白だし 1L was matched surely
    assert [line.product_code for line in order.lines] == ["B-1", "M-2"]
    assert order.lines[0].confidence >= matcher.threshold  # 才茶 read 麦茶: the same product
