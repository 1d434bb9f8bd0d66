"""Quantities compared with a second reading from the page picture (parse/rereads.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from parse_words import line, make_page
from test_parse_layout import META, X, header, row

from ordertake.domain import Box
from ordertake.parse.order import parse_pages
from ordertake.parse.rereads import PictureDigits, Verdict, compare_readings


@pytest.mark.parametrize(
    ("cell", "read", "picture", "verdict"),
    [
        ("12", 12, PictureDigits("12", 2), Verdict.SAME),
        ("10", 10, PictureDigits("18", 2), Verdict.SAME),  # a slashed 0 the picture reads as 8
        ("19", 19, PictureDigits("10", 2), Verdict.TAKEN),  # the page read a slashed 0 as 9
        ("4 1", 41, PictureDigits("4", 1), Verdict.TAKEN),  # a rule beside the 4
        ("31", 31, PictureDigits("3", 1), Verdict.TAKEN),  # a rule read as 1, one glyph seen
        ("4", 4, PictureDigits("24", 2), Verdict.TAKEN),  # a faint 2 the page lost
        ("94", 94, PictureDigits("24", 2), Verdict.UNSURE),  # same length: nothing settles it
        ("10", 10, PictureDigits("1", 2), Verdict.NONE),  # the picture lost a glyph itself
        ("2", 2, PictureDigits("12", 3), Verdict.UNSURE),  # neither matches the glyph count
        ("35箱", 35, PictureDigits("48", 2), Verdict.TAKEN),  # misread beside its unit
        ("12袋", 12, PictureDigits("128", 2), Verdict.NONE),  # a unit glyph read too
        ("12", 12, PictureDigits(""), Verdict.NONE),
        ("19", 19, PictureDigits("12"), Verdict.UNSURE),  # a one-cell reader counts nothing
    ],
)
def test_compare_readings(cell: str, read: float, picture: PictureDigits,
                          verdict: Verdict) -> None:
    assert compare_readings(cell, read, picture) == verdict


@pytest.mark.parametrize(
    ("cell", "read", "picture", "verdict"),
    [
        ("27", 27, PictureDigits("24", 2), Verdict.TAKEN),  # as many digits as glyphs, steady
        ("2", 2, PictureDigits("12", 3), Verdict.UNSURE),  # neither matches the glyph count
        ("10", 10, PictureDigits("1", 2), Verdict.NONE),  # the picture lost a glyph itself
    ],
)
def test_a_steady_picture_settles_only_a_disagreement_of_equal_counts(
        cell: str, read: float, picture: PictureDigits, verdict: Verdict) -> None:
    assert compare_readings(cell, read, picture, steady=True) == verdict


class FakeCells:
    """A many-cell reader answering by the row's y position, recording what it was asked."""

    def __init__(self, by_y: dict[float, PictureDigits], whole: str = "",
                 sizes: dict[float, list[str]] | None = None) -> None:
        self.by_y, self.whole, self.sizes = by_y, whole, sizes or {}
        self.asked: list[tuple[Box, int | None]] = []
        self.asked_sizes: list[Box] = []
        self.runs = self.size_runs = 0

    def __call__(self, box: Box) -> str:
        return self.whole

    def read_digits(self, boxes: list[Box], first: list[int | None] | None = None
                    ) -> list[PictureDigits]:
        self.runs += 1
        first = first or [None] * len(boxes)
        self.asked += list(zip(boxes, first, strict=True))
        return [next((p for y, p in self.by_y.items() if abs(b.y0 - y) < 0.004),
                     PictureDigits("")) for b in boxes]

    def read_sizes(self, boxes: list[Box], first: list[int | None] | None = None
                   ) -> list[list[str]]:
        self.size_runs += 1
        self.asked_sizes += boxes
        return [next((t for y, t in self.sizes.items() if abs(b.y0 - y) < 0.004), [])
                for b in boxes]


def test_every_unconfirmed_quantity_is_compared_with_the_picture_in_one_run() -> None:
    rows = [row(0.33, "1", "A-1", "醤油 1L", "31", "本"),  # a rule read as 1
            row(0.36, "2", "A-2", "酢 1L", "16", "本", "100", "1,600"),  # the amount confirms
            row(0.39, "3", "A-3", "みりん 1L", "94", "本"),  # the picture disagrees, unsettled
            row(0.42, "4", "A-4", "ソース 1L", "6", "本")]
    cells = FakeCells({0.33: PictureDigits("3", 1), 0.39: PictureDigits("24", 2),
                       0.42: PictureDigits("6", 1)})
    draft = parse_pages([make_page(header(0.30), *rows)], META, cells)[0]
    assert [x.quantity for x in draft.lines] == [3, 16, 94, 6]
    assert cells.runs == 1 and len(cells.asked) == 3  # the confirmed row is not asked about
    assert cells.asked_sizes == [cells.asked[1][0]]  # 94 or 24: the picture asked again
    first, _, unsure, plain = draft.lines
    assert "read again from the page picture: 3" in first.warnings[0]
    assert unsure.warnings == ["qty_unsure:read=94,picture=24"]
    assert unsure.confidence < plain.confidence and not plain.warnings


def test_the_number_before_a_unit_is_read_alone_from_the_picture() -> None:
    # '35箱': the page OCR read the digits beside the kanji wrong; the picture is asked for the
    # cell's first two glyphs only (its unit would be read as digits too).
    rows = [row(0.33, "1", "A-1", "手袋 M", "35箱", ""), row(0.36, "2", "A-2", "海苔", "08袋", "")]
    cells = FakeCells({0.33: PictureDigits("48", 2), 0.36: PictureDigits("20", 2)})
    draft = parse_pages([make_page(header(0.30), *rows)], META, cells)[0]
    assert [(x.quantity, x.unit) for x in draft.lines] == [(48, "箱"), (20, "袋")]
    assert [first for _, first in cells.asked] == [2, 2]  # '08' is two glyphs as written


def test_the_picture_keeps_a_printed_quantity_whose_amount_was_misread() -> None:
    # 10 × 98 printed as 980, the amount read as 9800: amount ÷ price would make it 100.
    rows = [row(0.33, "1", "B-1", "缶コーヒー 275g", "10", "缶", "98", "9,800")]
    cells = FakeCells({0.33: PictureDigits("10", 2)})
    (line,) = parse_pages([make_page(header(0.30), *rows)], META, cells)[0].lines
    assert line.quantity == 10
    assert line.warnings == ["amount 9800 ≠ quantity 10 × unit price 98"]
    assert line.confidence < 0.5


def test_a_lost_quantity_is_taken_from_the_glyphs_when_their_count_agrees() -> None:
    # The whole cell reads '14' (the edge of a ケ beside the 1); its cleaned glyphs show one.
    rows = [row(0.33, "1", "A-1", "木綿豆腐 300g", "2", "本"),
            row(0.36, "2", "A-2", "絹ごし豆腐 400g", "", ""),
            row(0.39, "3", "A-3", "油揚げ 10枚", "", "")]
    cells = FakeCells({0.36: PictureDigits("1", 1), 0.39: PictureDigits("12", 1)}, whole="14")
    draft = parse_pages([make_page(header(0.30), *rows)], META, cells)[0]
    assert [x.quantity for x in draft.lines] == [2, 1, 14]  # '12' in one glyph: not believed
    assert all("read again" in x.warnings[0] for x in draft.lines[1:])


def test_a_lost_quantity_in_a_table_writing_units_in_its_cells_is_read_whole() -> None:
    # Beside a unit the glyphs of a lost cell cannot be told from the unit's ('1ケース').
    rows = [row(0.33, "1", "A-1", "木綿豆腐 300g", "2袋", ""),
            row(0.36, "2", "A-2", "絹ごし豆腐 400g", "", ""),
            row(0.39, "3", "A-3", "油揚げ 10枚", "3袋", "")]
    cells = FakeCells({0.36: PictureDigits("7142", 4)}, whole="1")
    draft = parse_pages([make_page(header(0.30), *rows)], META, cells)[0]
    assert [x.quantity for x in draft.lines] == [2, 1, 3]


def test_a_one_cell_reader_is_asked_only_about_doubtful_quantities() -> None:
    asked: list[float] = []

    def read_cell(box: Box) -> str:
        asked.append(box.y0)
        return "10"

    rows = [row(0.33, "1", "A-1", "醤油 1L", "19", "本"), row(0.36, "2", "A-2", "酢 1L", "6", "本")]
    draft = parse_pages([make_page(header(0.30), *rows)], META, read_cell)[0]
    assert [x.quantity for x in draft.lines] == [10, 6]
    assert len(asked) == 1 and abs(asked[0] - 0.33) < 0.004


def test_a_quantity_ocr_doubted_is_flagged_when_the_picture_cannot_bear_it_out() -> None:
    def doubted(y: float, name: str, qty: str) -> list:
        return (line(y, (X["no"], "1"), (X["name"] - 0.05, name), (X["unit"], "本"))
                + line(y, (X["qty"] + 0.02, qty), conf=0.2))

    rows = [doubted(0.33, "醤油 1L", "8"), doubted(0.36, "酢 1L", "3")]
    # Nothing read in either cell; the first shows no glyph where its 8 should stand.
    cells = FakeCells({0.33: PictureDigits("", 0), 0.36: PictureDigits("", 1)})
    first, second = parse_pages([make_page(header(0.30), *rows)], META, cells)[0].lines
    assert first.warnings == ["qty_unsure:read=8,picture="] and not second.warnings


def test_a_disagreement_is_settled_by_a_picture_that_reads_the_same_at_every_size() -> None:
    # '27' and '24', two glyphs each: the picture's 24 read again at other sizes stays 24 on
    # the first row (taken), turns into 28 on the second (the page's reading kept, flagged).
    rows = [row(0.33, "1", "A-1", "醤油 1L", "27", "本"),
            row(0.36, "2", "A-2", "酢 1L", "48", "本"),
            row(0.39, "3", "A-3", "みりん 1L", "6", "本")]
    cells = FakeCells({0.33: PictureDigits("24", 2), 0.36: PictureDigits("18", 2),
                       0.39: PictureDigits("6", 1)},
                      sizes={0.33: ["24", "24", "24"], 0.36: ["18", "16", "18"]})
    steady, unsteady, same = parse_pages([make_page(header(0.30), *rows)], META, cells)[0].lines
    assert (steady.quantity, unsteady.quantity, same.quantity) == (24, 48, 6)
    assert "read again from the page picture: 24" in steady.warnings[0]
    assert unsteady.warnings == ["qty_unsure:read=48,picture=18"]
    assert len(cells.asked_sizes) == 2  # the agreeing row is not asked again
    assert (cells.runs, cells.size_runs) == (1, 1)


def test_a_quantity_ocr_doubted_is_flagged_when_the_picture_reads_another_number() -> None:
    def doubted(y: float, name: str, qty: str) -> list:
        return (line(y, (X["no"], "1"), (X["name"] - 0.05, name), (X["unit"], "本"))
                + line(y, (X["qty"] + 0.02, qty), conf=0.2))

    rows = [doubted(0.33, "醤油 1L", "17"), doubted(0.36, "酢 1L", "12")]
    # Two glyphs in both cells: the first reads as one digit of another number, the second
    # as the page read it.
    cells = FakeCells({0.33: PictureDigits("4", 2), 0.36: PictureDigits("12", 2)})
    first, second = parse_pages([make_page(header(0.30), *rows)], META, cells)[0].lines
    assert first.warnings == ["qty_unsure:read=17,picture=4"] and not second.warnings


def test_a_lost_quantity_is_read_at_its_own_words_height() -> None:
    # '20' read as 'ze': a code OCR stretched over the rule makes the row's box reach into
    # the rows around it, whose digits spoil the crop; the cell's own words say where to read.
    from dataclasses import replace

    stretched = [replace(w, box=replace(w.box, y0=w.box.y0 - 0.012, y1=w.box.y1 + 0.01))
                 if w.text == "A-2" else w
                 for w in row(0.36, "2", "A-2", "ゴミ袋 90L 10枚", "ze", "袋")]
    rows = [row(0.33, "1", "A-1", "木綿豆腐 300g", "12", "本"), stretched]
    asked: list[Box] = []

    class Cells(FakeCells):
        def __call__(self, box: Box) -> str:
            asked.append(box)
            return "20" if box.y1 - box.y0 < 0.02 else "7"

    draft = parse_pages([make_page(header(0.30), *rows)], META, Cells({}))[0]
    assert [x.quantity for x in draft.lines] == [12, 20]
    assert [round(b.y0, 3) for b in asked] == [0.36]


def test_a_lost_quantity_beside_units_in_its_cells_is_read_in_the_row_s_box_first() -> None:
    # '12袋' read as '「48袋': the words' box holds the unit too, whose glyphs read as digits
    # (1288); the row's box is asked first, its words' box only when it reads nothing.
    rows = [row(0.33, "1", "A-1", "木綿豆腐 300g", "2袋", ""),
            row(0.36, "2", "A-2", "合わせみそ 1kg", "「48袋", ""),
            row(0.39, "3", "A-3", "油揚げ 10枚", "3袋", "")]
    asked: list[Box] = []

    class Cells(FakeCells):
        def __call__(self, box: Box) -> str:
            asked.append(box)
            return "12" if box.x0 == asked[0].x0 and len(asked) == 1 else "1288"

    draft = parse_pages([make_page(header(0.30), *rows)], META, Cells({}))[0]
    assert [x.quantity for x in draft.lines] == [2, 12, 3]
    assert len(asked) == 1


def test_a_row_whose_quantity_and_amount_were_both_misread_takes_the_picture() -> None:
    # 10 × 5,510 = 55,100 printed; OCR read 19 and 56,100. The picture's 10 makes an amount
    # one digit from the one read, the page's 19 does not: the quantity is 10, still unsure.
    rows = [row(0.33, "1", "E-1", "コロッケ 60g×10個", "19", "cs", "5,510", "56,100"),
            row(0.36, "2", "E-2", "生クリーム 200ml", "3@", "本", "376", "11,200")]
    cells = FakeCells({0.33: PictureDigits("10", 2), 0.36: PictureDigits("30", 2)})
    lines = parse_pages([make_page(header(0.30), *rows)], META, cells)[0].lines
    assert [x.quantity for x in lines] == [10, 30]
    assert all("qty_unsure:read=" in " ".join(x.warnings) for x in lines)
    assert all(x.confidence < 0.5 for x in lines)


def test_a_zero_look_alike_ocr_doubted_that_the_picture_cannot_read_is_flagged() -> None:
    # '19cs' read at low confidence, no price beside it, the picture reads nothing: 10 or 19.
    rows = [row(0.33, "1", "B-1", "カフェオレ 500ml", "19cs", ""),
            row(0.36, "2", "B-2", "ほうじ茶 2L", "12cs", "")]
    page = make_page(header(0.30), *rows)
    page.words[:] = [replace(w, confidence=0.3) if w.text == "19cs" else w for w in page.words]
    cells = FakeCells({0.33: PictureDigits("", 2), 0.36: PictureDigits("", 2)})
    first, second = parse_pages([page], META, cells)[0].lines
    assert first.quantity == 19 and first.warnings == ["qty_unsure:read=19,picture="]
    assert not second.warnings  # read with confidence: nothing to doubt


def test_a_picture_that_read_the_unit_beside_the_number_as_a_digit_takes_nothing() -> None:
    # '3' with 袋 just over the column's edge: the crop took in the unit's first strokes and
    # read 38. Whether the page lost a digit cannot be told: the page's 3 stays, unsure.
    header_row = line(0.30, (0.08, "No"), (0.13, "商品コード"), (0.30, "商品名"), (0.62, "数量"),
                      (0.70, "備考"))
    rows = [line(0.33, (0.08, "1"), (0.13, "E-1"), (0.25, "塩ゆで枝豆 1kg"), (0.655, "3"),
                 (0.675, "袋")),
            line(0.36, (0.08, "2"), (0.13, "E-2"), (0.25, "枝豆 500g"), (0.655, "2"))]
    cells = FakeCells({0.33: PictureDigits("38", 2), 0.36: PictureDigits("24", 2)})
    first, second = parse_pages([make_page(header_row, *rows)], META, cells)[0].lines
    assert first.quantity == 3 and first.warnings == ["qty_unsure:read=3,picture=38"]
    assert second.quantity == 24  # no unit beside it: a faint digit the page lost


def test_the_picture_wins_where_the_amount_confirms_no_reading_and_loses_where_it_does(
        ) -> None:
    # 48 × 329 = 15,792 printed, read 481 × 3291 = 18,792 (rules read as 1, a 5 as 8): the
    # amount bears out neither count, the picture's 48 is taken, unsure. A 30 the amount
    # bears out stays 30 whatever the picture reads (the row was asked for its unit).
    rows = [row(0.33, "1", "U-1", "スパゲッティ 1.6 1kg", "481", "bag", "3291", "18.792"),
            row(0.36, "2", "U-2", "小麦粉 25kg", "30狼", "", "100", "3,000")]
    cells = FakeCells({0.33: PictureDigits("48", 2), 0.36: PictureDigits("36", 2)})
    first, second = parse_pages([make_page(header(0.30), *rows)], META, cells)[0].lines
    assert first.quantity == 48 and "qty_unsure:read=481,picture=48" in first.warnings
    assert second.quantity == 30 and "qty_unsure:read=30,picture=36" in second.warnings


def test_a_cell_read_as_its_unit_alone_has_its_number_read_left_of_the_unit() -> None:
    # '1ケース' read '4-ス': the 1 lost, the ケ read as 4. The whole cell reads nothing; the
    # column left of the unit's word, read alone, shows the one glyph of the 1.
    rows = [row(0.33, "1", "A-1", "木綿豆腐 300g", "2袋", ""),
            row(0.36, "2", "B-2", "りんごジュース 200ml", "4-ス", ""),
            row(0.39, "3", "A-3", "油揚げ 10枚", "3袋", "")]
    cells = FakeCells({0.36: PictureDigits("1", 1)})
    draft = parse_pages([make_page(header(0.30), *rows)], META, cells)[0]
    assert [(x.quantity, x.unit) for x in draft.lines] == [(2, "袋"), (1, "ケース"), (3, "袋")]
    (box, _), = [(b, f) for b, f in cells.asked if abs(b.y0 - 0.36) < 0.004]
    assert box.x1 < X["qty"] + 0.03  # the unit's glyphs left out


def test_a_lost_quantity_s_glyphs_are_read_at_its_own_words_height_too() -> None:
    # ')' for 1: the whole cell reads 2 (a speck), its cleaned glyphs, read where the cell's
    # word stands rather than in the row's taller box, show one glyph read 1.
    from dataclasses import replace

    stretched = [replace(w, box=replace(w.box, y0=w.box.y0 - 0.012, y1=w.box.y1 + 0.01))
                 if w.text == "A-2" else w
                 for w in row(0.36, "2", "A-2", "中濃ソース 1.8L", ")", "本")]
    rows = [row(0.33, "1", "A-1", "木綿豆腐 300g", "12", "本"), stretched]
    cells = FakeCells({0.36: PictureDigits("1", 1)}, whole="2")
    draft = parse_pages([make_page(header(0.30), *rows)], META, cells)[0]
    assert [x.quantity for x in draft.lines] == [12, 1]


class TextCells(FakeCells):
    """A reader that also reads a cell's text with no whitelist (number and unit)."""

    def __init__(self, texts: dict[float, str], whole: str) -> None:
        super().__init__({}, whole=whole)
        self.texts = texts
        self.asked_text: list[Box] = []

    def read_text(self, boxes: list[Box]) -> list[str]:
        self.asked_text += boxes
        return [next((t for y, t in self.texts.items() if abs(b.y0 - y) < 0.004), "")
                for b in boxes]


def test_a_lost_quantity_beside_units_in_its_cells_is_read_as_text_with_its_unit() -> None:
    # Digits only, the picture takes the unit's glyphs for digits ('48本' read 487); read as
    # text, the cell is a count and a unit. Text that is neither leaves the digits' reading.
    rows = [row(0.33, "1", "A-1", "木綿豆腐 300g", "2袋", ""),
            row(0.36, "2", "A-2", "中濃ソース 300ml", "", ""),
            row(0.39, "3", "A-3", "純米酢 900ml", "", ""),
            row(0.42, "4", "A-4", "チューハイ 350ml×24缶", "", ""),
            row(0.45, "5", "A-5", "油揚げ 10枚", "3袋", "")]
    cells = TextCells({0.36: "48本", 0.39: "時", 0.42: "| 24缶   57-X"}, whole="487")
    draft = parse_pages([make_page(header(0.30), *rows)], META, cells)[0]
    assert [(x.quantity, x.unit) for x in draft.lines] == [
        (2, "袋"), (48, "本"), (487, None), (5, "ケース"), (3, "袋")]
    assert len(cells.asked_text) == 3
    assert all("read again" in x.warnings[0] for x in draft.lines[1:4])


def test_only_a_table_writing_units_in_its_cells_has_lost_cells_read_as_text() -> None:
    rows = [row(0.33, "1", "A-1", "木綿豆腐 300g", "2", "袋"),
            row(0.36, "2", "A-2", "中濃ソース 300ml", "", ""),
            row(0.39, "3", "A-3", "油揚げ 10枚", "3", "袋")]
    cells = TextCells({0.36: "48本"}, whole="4")
    draft = parse_pages([make_page(header(0.30), *rows)], META, cells)[0]
    assert [x.quantity for x in draft.lines] == [2, 4, 3] and not cells.asked_text


def test_a_cell_read_without_its_unit_takes_the_unit_the_picture_reads() -> None:
    # On a form writing units in its cells: '12' for '1ケース' (the unit's glyphs read as a
    # digit), '6貸' for '6袋'; a picture reading another count changes nothing.
    rows = [row(0.33, "1", "A-1", "木綿豆腐 300g", "2袋", ""),
            row(0.36, "2", "A-2", "カフェオレ 500ml", "12", ""),
            row(0.39, "3", "A-3", "ゴミ袋 70L", "6貸", ""),
            row(0.42, "4", "A-4", "ウスターソース 300ml", "5", ""),
            row(0.45, "5", "A-5", "油揚げ 10枚", "3袋", "")]
    cells = TextCells({0.36: "17-X", 0.39: "6袋", 0.42: "7本"}, whole="")
    draft = parse_pages([make_page(header(0.30), *rows)], META, cells)[0]
    assert [(x.quantity, x.unit) for x in draft.lines] == [
        (2, "袋"), (1, "ケース"), (6, "袋"), (5, None), (3, "袋")]
    assert len(cells.asked_text) == 3
    assert all(x.warnings and x.confidence < 0.8 for x in draft.lines[1:3])
    assert not draft.lines[3].warnings  # (a form with a unit column: not flagged for it)


def test_a_garbled_tail_standing_for_the_digits_the_amount_adds_is_not_kept_away() -> None:
    # 24 read '2+' (the 4 as +): amount ÷ unit price makes 24; the picture, whose cleaning
    # dropped the +, reads 2. That says nothing for the printed 2: the amount's 24 stands.
    rows = [row(0.33, "1", "A-1", "無洗米 10kg", "2+", "袋", "4,380", "105,120"),
            row(0.36, "2", "A-2", "缶コーヒー 275g", "10", "缶", "98", "9,800")]
    cells = FakeCells({0.33: PictureDigits("2", 1), 0.36: PictureDigits("10", 2)})
    first, second = parse_pages([make_page(header(0.30), *rows)], META, cells)[0].lines
    assert first.quantity == 24 and "taken as 24" in first.warnings[-1]
    assert second.quantity == 10 and second.quantity_kept  # a digit the amount misread


def test_a_count_written_across_the_rule_into_the_unit_column_is_read_again() -> None:
    # '10|CS' read as one word '101CS' (the rule read as 1) that went to the unit column,
    # which it overlaps most: the picture reads the count's own glyphs, before the rule.
    rows = [line(0.33, (X["no"], "1"), (X["code"], "G-10102"), (X["name"] - 0.05, "ツナ缶 70g"),
                 (X["unit"] - 0.02, "101CS"))]
    cells = FakeCells({0.33: PictureDigits("10", 2)})
    (got,) = parse_pages([make_page(header(0.30), *rows)], META, cells)[0].lines
    assert (got.quantity, got.unit) == (10, "ケース")
    assert "read again from the page picture: 10" in got.warnings[0]
    assert [first for _, first in cells.asked] == [3]  # the digits as written: '101'


def test_a_number_misread_as_a_sign_before_its_unit_is_read_left_of_the_unit() -> None:
    # '2本' read '< 本': the cell names its unit after a glyph that is no digit. The whole
    # cell reads 3 (the row below's digits caught in the crop); the column left of the
    # unit, read alone, shows the one glyph of the 2, and the unit is the cell's.
    rows = [row(0.33, "1", "A-1", "木綿豆腐 300g", "2袋", ""),
            row(0.36, "2", "A-2", "ウスターソース 1.8L", "< 本", ""),
            row(0.39, "3", "A-3", "油揚げ 10枚", "3袋", "")]
    cells = FakeCells({0.36: PictureDigits("2", 1)}, whole="3")
    draft = parse_pages([make_page(header(0.30), *rows)], META, cells)[0]
    assert [(x.quantity, x.unit) for x in draft.lines] == [(2, "袋"), (2, "本"), (3, "袋")]
    (box, _), = [(b, f) for b, f in cells.asked if abs(b.y0 - 0.36) < 0.004]
    unit = next(w for w in make_page(*rows).words if w.text == "本")
    assert box.x1 < unit.box.x0 + 0.01  # the unit's glyphs left out


class TallCells(TextCells):
    """Reads a cell's text as 'ーー' in a crop taller than two text lines (the rows above
    and below crowd it), as written in one of a single line's height."""

    def read_text(self, boxes: list[Box]) -> list[str]:
        self.asked_text += boxes
        return ["ーー" if b.y1 - b.y0 > 0.02 else "1ケース" for b in boxes]


def test_a_lost_quantity_is_read_as_text_at_its_own_words_height_too() -> None:
    # '1ケース' read 'ュケース' in a row whose box a stretched word makes two lines tall:
    # the row's crop takes in the rows above and below; the words' own height reads it.
    stretched = [replace(w, box=replace(w.box, y1=w.box.y1 + 0.012))
                 if w.text.startswith("プレーン") else w
                 for w in row(0.36, "2", "A-2", "プレーンヨーグルト 400g", "ュケース", "")]
    rows = [row(0.33, "1", "A-1", "木綿豆腐 300g", "2袋", ""), stretched,
            row(0.39, "3", "A-3", "油揚げ 10枚", "3袋", "")]
    cells = TallCells({}, whole="")
    draft = parse_pages([make_page(header(0.30), *rows)], META, cells)[0]
    assert [(x.quantity, x.unit) for x in draft.lines] == [(2, "袋"), (1, "ケース"), (3, "袋")]
    assert "read again from the page picture: 1" in draft.lines[1].warnings[0]


def _skewed(y: float, name: str, pack: str, qty: str, unit: str) -> list:
    """A row of a photographed sheet: it climbs to the right, a third of a line a column."""
    words = line(y + 0.012, (0.09, name)) + line(y + 0.006, (0.46, pack))
    if qty:
        words += line(y + 0.002, (0.64, qty))
    return words + line(y, (0.69, unit))


class OneLineCells(FakeCells):
    """Reads the lost '1' in a crop one text line tall; a taller crop takes in the row
    below's '48' too and reads nothing it can trust."""

    def __call__(self, box: Box) -> str:
        self.asked.append((box, None))
        return "1" if box.y1 - box.y0 < 0.016 else ""

    def read_digits(self, boxes: list[Box], first: list[int | None] | None = None
                    ) -> list[PictureDigits]:
        self.asked += [(b, None) for b in boxes]
        return [PictureDigits("", 2) if b.y1 - b.y0 >= 0.016 else self._row(b) for b in boxes]

    @staticmethod
    def _row(box: Box) -> PictureDigits:
        middle = (box.y0 + box.y1) / 2
        return (PictureDigits("3", 1) if middle < 0.178 else PictureDigits("1", 1)
                if middle < 0.198 else PictureDigits("48", 2))


def test_a_lost_count_on_a_skewed_page_is_read_at_its_row_s_height_beside_it() -> None:
    # A phone photo: the row climbs across the sheet, its box from the name (low, left) to
    # the unit (high, right) two lines tall, reaching the next row's count. The count's
    # crop is taken at the height of the row's words beside the column.
    titles = line(0.14, (0.09, "商品名"), (0.46, "入数"), (0.61, "発注数"), (0.69, "単位"))
    rows = [_skewed(0.16, "東洋飲料 麦茶 2L", "6", "3", "ケース"),
            _skewed(0.18, "丸正醤油 料理酒 1.8L", "6", "", "ケース"),
            _skewed(0.20, "北星飲料 炭酸水 500ml", "24", "48", "本")]
    cells = OneLineCells({})
    draft = parse_pages([make_page(titles, *rows)], META, cells)[0]
    assert [(x.quantity, x.unit) for x in draft.lines] == [(3, "ケース"), (1, "ケース"),
                                                            (48, "本")]
    asked = [b for b, _ in cells.asked if 0.175 < b.y0 < 0.19]
    assert asked and all(0.179 < b.y0 and b.y1 < 0.197 for b in asked)


class UnitCells(TextCells):
    """Reads unit cells as text; digits nowhere."""


@pytest.mark.parametrize(
    ("read", "unit", "flagged"),
    [
        ("ケース", "ケース", False),  # the picture reads the unit as spelled
        ("bt【", "本", False),  # ... with the column's rule after it
        ("袋 前回同様", "袋", False),  # ... with the next cell's remark in the crop
        ("か-ス", "ケース", True),  # a garbled ケース: the clerk looks
        ("クー ス", "ケース", True),  # cut in two
        ("ケースル", "ケース", True),  # a glyph after it
        ("向", None, False),  # no unit: the line keeps none
    ],
)
def test_a_unit_cell_ocr_garbled_is_read_again_from_the_picture(
        read: str, unit: str | None, flagged: bool) -> None:
    # 'グー' in the unit column names no unit: the line would take the product's own (1本
    # for 1ケース). Read again as text, the cell gives its unit.
    rows = [row(0.33, "1", "A-1", "木綿豆腐 300g", "2", "袋"),
            row(0.36, "2", "A-2", "料理酒 1.8L", "1", "グー"),
            row(0.39, "3", "A-3", "油揚げ 10枚", "3", "袋")]
    cells = UnitCells({0.36: read}, whole="")
    draft = parse_pages([make_page(header(0.30), *rows)], META, cells)[0]
    assert [(x.quantity, x.unit) for x in draft.lines] == [(2, "袋"), (1, unit), (3, "袋")]
    assert len(cells.asked_text) == 1  # only the cell naming no unit
    assert bool(draft.lines[1].warnings) == flagged
    assert (draft.lines[1].confidence < draft.lines[0].confidence) == flagged


def test_a_unit_cell_garbled_into_digits_is_read_again_only_beside_a_count() -> None:
    # 'か-ス2' (a rule read as 2) beside the count 4 is a garbled unit: read again. '6本'
    # with no count of its own is the count written across into the unit column.
    rows = [row(0.33, "1", "A-1", "木綿豆腐 300g", "2", "袋"),
            row(0.36, "2", "A-2", "パン粉 2kg", "4", "か-ス2"),
            row(0.39, "3", "A-3", "油揚げ 10枚", "", "6本")]
    cells = UnitCells({0.36: "ケース", 0.39: "本"}, whole="")
    draft = parse_pages([make_page(header(0.30), *rows)], META, cells)[0]
    assert [(x.quantity, x.unit) for x in draft.lines] == [(2, "袋"), (4, "ケース"), (6, "本")]
    assert [b.y0 for b in cells.asked_text] == [pytest.approx(0.36)]


class BoldPageCells(FakeCells):
    """A many-cell reader of a page printed too bold (ocr/strokes.py)."""

    def thick_strokes(self, page: int) -> bool:
        return True


def test_on_a_page_printed_too_bold_only_a_picture_reading_the_same_bears_a_quantity_out(
) -> None:
    # 36 for 30, 2本 for 20本: the picture reads nothing, or more digits than the glyphs it
    # counts (two touching digits are one glyph). On a usual page that says nothing against
    # the page OCR; on a bold one the line goes to the clerk. A picture reading the same
    # number keeps the line sure.
    rows = [row(0.33, "1", "A-1", "醤油 1L", "36", "本"),
            row(0.36, "2", "A-2", "酢 1L", "2", "本"),
            row(0.39, "3", "A-3", "みりん 1L", "6", "本")]
    pictures = {0.33: PictureDigits("", 2), 0.36: PictureDigits("20", 1),
                0.39: PictureDigits("6", 1)}
    usual = parse_pages([make_page(header(0.30), *rows)], META, FakeCells(pictures))[0]
    assert not any(x.warnings for x in usual.lines)
    bold = parse_pages([make_page(header(0.30), *rows)], META, BoldPageCells(pictures))[0]
    first, second, third = bold.lines
    assert [x.quantity for x in bold.lines] == [36, 2, 6]  # readings kept, flagged
    assert first.warnings == ["qty_unsure:read=36,picture="]
    assert second.warnings == ["qty_unsure:read=2,picture=20"]
    assert not third.warnings and third.confidence > first.confidence
