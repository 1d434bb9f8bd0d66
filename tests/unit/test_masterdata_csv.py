"""Master-data CSV reading: encodings, validation, line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from ordertake.errors import MasterDataError
from ordertake.masterdata import read_customers_csv, read_products_csv

HEADER = "code,name,unit,price,name_kana,case_qty,aliases\n"


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "products.csv"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_reads_each_supported_encoding(tmp_path: Path, encoding: str) -> None:
    path = write(
        tmp_path,
        HEADER + "A-1,キッコーマン 特選丸大豆しょうゆ 1.8L,本,420,ﾄｸｾﾝ,6,特選醤油|丸大豆\n",
        encoding,
    )
    result = read_products_csv(path)
    assert result.encoding == encoding
    assert result.errors == []
    (product,) = result.rows
    assert product.name == "キッコーマン 特選丸大豆しょうゆ 1.8L"
    assert product.price == 420
    assert product.case_qty == 6
    assert product.aliases == ("特選醤油", "丸大豆")


def test_bad_rows_are_reported_with_line_numbers_and_good_rows_kept(tmp_path: Path) -> None:
    text = (
        HEADER
        + "A-1,醤油,本,420,,,\n"  # line 2 ok
        + ",名前だけ,本,100,,,\n"  # 3 missing code
        + "A-2,味噌,本,abc,,,\n"  # 4 bad price
        + "A-3,酢,樽樽,100,,,\n"  # 5 unknown unit
        + "A-1,重複,本,100,,,\n"  # 6 duplicate
        + '"A-4","複数行\nの名前",ケース,"1,200",,24,\n'  # 7-8 ok, quoted newline
        + "A-5,砂糖,袋,-5,,,\n"  # 9 negative price
        + "A-6,塩,袋,100,,0,\n"  # 10 bad case_qty
    )
    result = read_products_csv(write(tmp_path, text))
    assert [p.code for p in result.rows] == ["A-1", "A-4"]
    assert result.lines == [2, 7]
    assert result.rows[1].price == 1200 and result.rows[1].unit == "ケース"
    reasons = {e.line: e.reason for e in result.errors}
    assert set(reasons) == {3, 4, 5, 6, 9, 10}
    assert "missing code" in reasons[3]
    assert "bad price" in reasons[4]
    assert "unknown unit" in reasons[5]
    assert "first seen on line 2" in reasons[6]
    assert "negative" in reasons[9]
    assert "case_qty" in reasons[10]


def test_units_are_normalised_to_the_vocabulary(tmp_path: Path) -> None:
    result = read_products_csv(write(tmp_path, HEADER + "A-1,水,cs,100,,,\nA-2,茶,ｹｰｽ,100,,,\n"))
    assert [p.unit for p in result.rows] == ["ケース", "ケース"]


def test_full_width_and_yen_prices(tmp_path: Path) -> None:
    result = read_products_csv(write(tmp_path, HEADER + "A-1,水,本,￥１，２００,,,\n"))
    assert result.rows[0].price == 1200


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"sku,title,price\nA,b,1\n", "header lacks code"),
        (b"\xff\xfe\x00\x00garbage\x81", "neither UTF-8 nor CP932"),
    ],
)
def test_unreadable_files_raise_one_clear_error(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(MasterDataError, match=message) as info:
        read_products_csv(path)
    assert str(path) in str(info.value)


def test_too_large_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ordertake.masterdata import csvread

    monkeypatch.setattr(csvread, "MAX_CSV_BYTES", 100)
    path = write(tmp_path, HEADER + "A-1,水,本,100,,,\n" * 20)
    with pytest.raises(MasterDataError, match="split the file"):
        read_products_csv(path)


def test_tab_separated_header_is_sniffed(tmp_path: Path) -> None:
    path = write(tmp_path, "code\tname\tunit\tprice\nA-1\t水, 天然\t本\t100\n")
    assert read_products_csv(path).rows[0].name == "水, 天然"


def test_customers_split_contacts_and_validate(tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_text(
        "code,name,fax,email\n"
        "C1,株式会社山田商店,03-1234-5678|03-1234-5679,Order@Yamada.co.jp\n"
        "C2,有限会社田中,12,\n"
        "C3,佐藤食品,,not-an-address\n",
        encoding="utf-8",
    )
    result = read_customers_csv(path)
    assert [c.code for c in result.rows] == ["C1"]
    assert result.rows[0].faxes == ("03-1234-5678", "03-1234-5679")
    assert result.rows[0].emails == ("order@yamada.co.jp",)
    assert {e.line for e in result.errors} == {3, 4}
