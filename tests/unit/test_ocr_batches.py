"""How a document's pages are shared out in batches for OCR (ocr.load)."""

from __future__ import annotations

from PIL import Image

from ordertake.ocr.load import MAX_BATCH_PIXELS, _batches
from ordertake.ocr.pageimage import PageImage


def _pages(count: int, width: int = 10, height: int = 10) -> list[PageImage]:
    return [PageImage(n + 1, Image.new("L", (width, height), 255), 300, 300)
            for n in range(count)]


def _numbers(batches: list[list[PageImage]]) -> list[list[int]]:
    return [[p.number for p in batch] for batch in batches]


def test_pages_come_in_order_in_batches_of_the_size_asked() -> None:
    assert _numbers(list(_batches(_pages(7), 3))) == [[1, 2, 3], [4, 5, 6], [7]]
    assert _numbers(list(_batches(_pages(2), 5))) == [[1, 2]]
    assert list(_batches([], 5)) == []


def test_a_batch_ends_early_when_its_pages_are_large() -> None:
    side = int((MAX_BATCH_PIXELS / 2) ** 0.5) + 1  # two such pages pass the limit
    pages = _pages(5, side, side)
    assert _numbers(list(_batches(pages, 5))) == [[1, 2], [3, 4], [5]]


def test_batches_are_taken_from_the_pages_one_at_a_time() -> None:
    taken: list[int] = []

    def pages() -> object:
        for page in _pages(6):
            taken.append(page.number)
            yield page

    first = next(_batches(pages(), 2))  # type: ignore[arg-type]
    assert [p.number for p in first] == [1, 2] and taken == [1, 2]
