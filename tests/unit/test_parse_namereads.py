"""Product names read a second time from the page picture travel with their lines."""

from __future__ import annotations

from parse_words import make_page
from test_parse_layout import META, header, row

from ordertake.domain import Box
from ordertake.parse.order import parse_pages


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


def test_each_ordered_line_carries_its_name_read_again_in_one_run() -> None:
    rows = [row(0.33, "1", "", "朝霧 才茶 500ml", "4", "本"),
            row(0.36, "2", "", "丸正 白だし 500ml", "", ""),  # not ordered: not read
            row(0.39, "3", "", "丸正 白だし 1L", "2", "本")]
    cells = NameCells({0.33: "朝霧 麦茶 500ml", 0.39: " "})
    lines = parse_pages([make_page(header(0.30), *rows)], META, cells)[0].lines
    assert [x.description for x in lines] == ["朝霧 才茶 500ml", "丸正 白だし 1L"]
    assert lines[0].readings == ("朝霧 麦茶 500ml",)
    assert lines[1].readings == ()  # nothing read: the line stays as it was
    assert cells.runs == 1 and len(cells.asked) == 2
    assert all(b.x0 < 0.3 < b.x1 for b in cells.asked)  # the name cell, not the row


def test_a_reader_without_names_leaves_the_lines_as_they_are() -> None:
    lines = parse_pages([make_page(header(0.30), row(0.33, "1", "", "酢 1L", "4", "本"))],
                        META, lambda box: "")[0].lines
    assert lines[0].readings == ()
