"""CSV writing and profiles, byte for byte (pure, no database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ordertake.errors import InputError
from ordertake.export.csvwrite import (
    ExportRecord,
    UnencodableError,
    render_csv,
)
from ordertake.export.profiles import list_profiles, load_profile, profile_from_dict

JA_HEADINGS = (
    "伝票番号,受注日,得意先コード,得意先名,得意先注文No,納期,行番号,商品コード,商品名,"
    "数量,単位,単価,金額,備考"
)


def rec(**kw: object) -> ExportRecord:
    base: dict[str, object] = dict(
        order_id=7, line_no=1, customer_code="C012", customer_name="山田商店",
        order_number="PO-2026-1182", order_date=dt.date(2026, 11, 20),
        delivery_date=dt.date(2026, 11, 25), product_code="A-10023",
        product_name="醤油 特選丸大豆 1.8L", quantity=Decimal("6.000"), unit="本",
        unit_price=Decimal("420.00"), amount=Decimal("2520.00"), source="fax-0001.pdf",
        approved_by="clerk1", approved_at=dt.datetime(2026, 11, 21, 1, 30, tzinfo=dt.UTC),
    )  # fmt: skip
    base.update(kw)
    return ExportRecord(**base)  # type: ignore[arg-type]


def test_shipped_profiles() -> None:
    assert {"generic", "japanese"} <= set(list_profiles())
    ja = load_profile("japanese")
    assert ",".join(c.heading for c in ja.columns) == JA_HEADINGS


def test_generic_cp932_bytes_and_crlf() -> None:
    out = render_csv([rec(), rec(line_no=2, quantity=Decimal("2"), unit="ケース")],
                     load_profile("generic"), "cp932")  # fmt: skip
    header = (
        "order_id,customer_code,customer_name,order_number,order_date,delivery_date,line_no,"
        "product_code,product_name,quantity,unit,unit_price,amount,source,approved_by,approved_at"
    )
    first = (
        "7,C012,山田商店,PO-2026-1182,2026-11-20,2026-11-25,1,A-10023,醤油 特選丸大豆 1.8L,"
        "6,本,420,2520,fax-0001.pdf,clerk1,2026-11-21T10:30:00+0900"
    )
    assert out.data.startswith(header.encode("ascii") + b"\r\n")
    assert first.encode("cp932") in out.data
    assert "山田".encode("cp932") == b"\x8eR\x93c" and b"\x8eR\x93c" in out.data
    assert out.data.count(b"\r\n") == 3 and b"\n" not in out.data.replace(b"\r\n", b"")
    assert not out.data.startswith(b"\xef\xbb\xbf")
    assert (out.line_count, out.order_ids) == (2, [7])


def test_japanese_profile_dates_and_headings() -> None:
    out = render_csv([rec(notes="再送分")], load_profile("japanese"), "cp932")
    text = out.data.decode("cp932")
    assert text == (
        JA_HEADINGS + "\r\n"
        "7,2026/11/20,C012,山田商店,PO-2026-1182,2026/11/25,1,A-10023,醤油 特選丸大豆 1.8L,"
        "6,本,420,2520,再送分\r\n"
    )


def test_utf8_has_bom_and_crlf() -> None:
    out = render_csv([rec(customer_name="髙橋商店 😀")], load_profile("generic"), "utf-8-sig")
    assert out.data.startswith(b"\xef\xbb\xbforder_id,")
    assert "髙橋商店 😀".encode() in out.data
    assert out.data.endswith(b"\r\n")


@pytest.mark.parametrize("char", ["😀", "𠮷", "髙", "﨑", "\ue000"])
def test_unencodable_character_is_reported_with_order_and_line(char: str) -> None:
    records = [rec(), rec(order_id=9, line_no=3, product_name=f"品{char}名")]
    with pytest.raises(UnencodableError) as info:
        render_csv(records, load_profile("japanese"), "cp932")
    (problem,) = info.value.problems
    assert (problem.order_id, problem.line_no, problem.column, problem.char) == (
        9,
        3,
        "商品名",
        char,
    )
    assert "order 9 line 3" in str(info.value)


def test_ibm_extension_allowed_when_profile_says_so() -> None:
    profile = load_profile("japanese")
    loose = profile_from_dict(
        {"allow_ibm_extensions": True, "columns": [{"heading": "名", "field": "customer_name"}]},
        default_name="loose",
    )
    assert render_csv([rec(customer_name="髙橋")], loose, "cp932").data == (
        "名\r\n髙橋\r\n".encode("cp932")
    )
    with pytest.raises(UnencodableError):
        render_csv([rec(customer_name="髙橋")], profile, "cp932")


def test_explicit_replacement_is_listed() -> None:
    out = render_csv(
        [rec(customer_name="髙﨑商店😀")], load_profile("japanese"), "cp932",
        replace_unencodable=True,
    )  # fmt: skip
    assert "高崎商店〓".encode("cp932") in out.data
    assert [(r.problem.char, r.replaced_by) for r in out.replacements] == [
        ("髙", "高"), ("﨑", "崎"), ("😀", "〓"),
    ]  # fmt: skip


def test_fixed_values_order_and_quoting() -> None:
    profile = profile_from_dict(
        {
            "date_format": "%Y%m%d",
            "columns": [
                {"heading": "区分", "value": "掛売"},
                {"heading": "納期", "field": "delivery_date"},
                {"heading": "備考", "field": "notes"},
            ],
        },
        default_name="custom",
    )
    out = render_csv([rec(notes='a,b "c"\nd')], profile, "cp932")
    assert out.data.decode("cp932") == '区分,納期,備考\r\n掛売,20261125,"a,b ""c"" d"\r\n'


def test_empty_values_and_computed_numbers() -> None:
    blank = rec(order_date=None, unit_price=None, amount=None, quantity=Decimal("0.500"))
    out = render_csv([blank], load_profile("japanese"), "cp932")
    assert out.data.decode("cp932").splitlines()[1].split(",")[1] == ""
    assert ",0.5,本,,," in out.data.decode("cp932")


def test_bad_profiles_and_encodings_are_explained(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="unknown export profile"):
        load_profile("nope")
    bad = tmp_path / "bad.toml"
    bad.write_text('[[columns]]\nheading = "x"\nfield = "colour"\n', encoding="utf-8")
    with pytest.raises(InputError, match="unknown field 'colour'"):
        load_profile(str(bad))
    with pytest.raises(InputError, match="cp932 or utf-8-sig"):
        render_csv([rec()], load_profile("generic"), "latin-1")


FORMULAS = dict(customer_name="=HYPERLINK(\"http://x\",\"c\")", order_number="+81-3-1234",
                product_name="@SUM(A1:A9)", description="-2+3", notes="\tcmd", ship_to="\r=1")


def test_utf8_export_neutralises_formulas_but_not_negative_numbers() -> None:
    profile = load_profile("japanese")
    out = render_csv([rec(**FORMULAS, quantity=Decimal("-3"), amount=Decimal("-1260"))],
                     profile, "utf-8-sig")  # fmt: skip
    body = out.data.decode("utf-8-sig").split("\r\n")[1]
    assert body.startswith("7,2026/11/20,C012,\"'=HYPERLINK(\"\"http://x\"\",\"\"c\"\")\",'+81-3-1234,")
    assert ",'@SUM(A1:A9),-3,本,420,-1260," in body  # numeric columns keep their minus sign
    assert body.endswith(",'\tcmd")
    assert out.data.startswith(b"\xef\xbb\xbf") and b"'@SUM(A1:A9),-3," in out.data
    assert {n.column for n in out.escaped} == {"得意先名", "得意先注文No", "商品名", "備考"}
    assert out.formula_like == []


def test_cp932_export_is_unchanged_unless_the_profile_says_so() -> None:
    plain = render_csv([rec(**FORMULAS)], load_profile("japanese"), "cp932")
    assert b",=HYPERLINK(" not in plain.data and b',"=HYPERLINK(' in plain.data  # as written
    assert b"'" not in plain.data and plain.escaped == []
    assert len(plain.formula_like) == 4  # reported, not silently changed
    strict = profile_from_dict(
        {"columns": [{"heading": "n", "field": "customer_name"},
                     {"heading": "q", "field": "quantity"}],
         "escape_formulas": ["cp932", "utf-8-sig"]}, default_name="strict")  # fmt: skip
    out = render_csv([rec(customer_name="-1+1", quantity=Decimal("-2"))], strict, "cp932")
    assert out.data == b"n,q\r\n'-1+1,-2\r\n"
    with pytest.raises(InputError, match="escape_formulas"):
        profile_from_dict({"columns": [{"heading": "n", "field": "notes"}],
                           "escape_formulas": "yes"}, default_name="bad")  # fmt: skip
