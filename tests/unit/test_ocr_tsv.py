"""tesseract's TSV output read into word rows, image by image (ocr.tesseract.parse_tsv)."""

from __future__ import annotations

from ordertake.ocr.tesseract import parse_tsv
from ordertake.ocr.words import RawWord

HEAD = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight"
        "\tconf\ttext")
TSV = "\n".join([
    HEAD,
    "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t",
    "5\t1\t1\t1\t1\t1\t100\t200\t60\t30\t95.72\t発注書",
    "5\t1\t1\t1\t1\t2\t170\t200\t10\t30\t12.5\t ",  # a blank word: no row
    "1\t2\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t",
    "5\t2\t2\t1\t3\t1\t40\t50\t20\t30\t88.1\t5,880",
])


def test_each_image_gets_its_own_words_with_whole_confidences() -> None:
    assert parse_tsv(TSV, 2) == [
        [RawWord("発注書", 100, 200, 60, 30, 95.0, (1, 1, 1))],
        [RawWord("5,880", 40, 50, 20, 30, 88.0, (2, 1, 3))],
    ]


def test_an_image_without_words_gives_an_empty_list() -> None:
    assert parse_tsv(HEAD + "\n1\t1\t0\t0\t0\t0\t0\t0\t10\t10\t-1\t", 1) == [[]]
