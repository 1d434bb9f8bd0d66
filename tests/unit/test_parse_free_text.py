"""Pages without a line-item table: every line is read as typed free text."""

from __future__ import annotations

from parse_words import line, make_page

from ordertake.domain import PageSource, SourceMeta
from ordertake.parse.order import parse_pages


def test_a_printed_page_without_a_table_reads_only_lines_naming_a_unit_or_code() -> None:
    # An invoice or letter, not an order form: 'Invoice Number 42183017' orders nothing,
    # while a typed-up list on a faxed sheet still does.
    page = make_page(
        line(0.10, (0.10, "Invoice Number 42183017")),
        line(0.14, (0.10, "Rechnung Seite 1")),
        line(0.30, (0.10, "醤油 特選丸大豆1.8L 6本")),
        line(0.34, (0.10, "KT-0451 10")),
        source=PageSource.TEXT_LAYER)
    draft = parse_pages([page], SourceMeta(filename="letter.pdf"))[0]
    assert [(x.code, x.quantity) for x in draft.lines] == [(None, 6), ("KT-0451", 10)]
