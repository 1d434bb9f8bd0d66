"""Whole orders: customer identification from every signal, units/packs, price check."""

from __future__ import annotations

import pytest

from ordertake.domain import Customer, DraftLine, OrderDraft, Product, SourceMeta
from ordertake.matching import Catalog, Matcher
from ordertake.matching.matcher import WARNED_LINE_CONFIDENCE

CUSTOMERS = [
    Customer("C001", "株式会社山田商店", ("03-1234-5678",), ("order@yamada-shoten.co.jp",)),
    Customer("C002", "有限会社さくら食堂", ("045-222-3333", "045-222-4444"), ("info@sakura.jp",)),
    Customer("C003", "株式会社ホテル港屋", ("0557-11-2222",), ("hachu@gmail.com",)),
]
PRODUCTS = [
    Product("B-1", "朝霧ビバレッジ 緑茶 500ml", "本", 88.0, "", 24),
    Product("C-1", "南州酒造 生ビール 350ml×24缶", "ケース", 4980.0, "", 4),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(
        Catalog(products=PRODUCTS, customers=CUSTOMERS, customer_prices={"C002": {"B-1": 80.0}})
    )


@pytest.mark.parametrize(
    "draft, meta, expected",
    [
        (OrderDraft("x"), SourceMeta(fax_number="+81 3 1234 5678"), "C001"),
        (OrderDraft("x", sender_fax="045(222)4444"), SourceMeta(), "C002"),
        (OrderDraft("x", customer_fax="０５５７－１１－２２２２"), SourceMeta(), "C003"),
        (OrderDraft("x"), SourceMeta(sender="Order <ORDER@yamada-shoten.co.jp>"), "C001"),
        (OrderDraft("x"), SourceMeta(sender="tencho@sakura.jp"), "C002"),
        (OrderDraft("x", customer_name="㈱ 山田商店 御中"), SourceMeta(), "C001"),
        (OrderDraft("x", customer_name="(有)さくら食堂"), SourceMeta(), "C002"),
        (OrderDraft("x", customer_name="ホテル港屋 様"), SourceMeta(), "C003"),
    ],
)
def test_customer_from_each_signal(
    matcher: Matcher, draft: OrderDraft, meta: SourceMeta, expected: str
) -> None:
    found = matcher.identify_customer(draft, meta)
    assert found.customer_code == expected and found.confidence >= 0.8 and found.reason


def test_free_mail_domain_says_nothing(matcher: Matcher) -> None:
    assert (
        matcher.identify_customer(OrderDraft("x"), SourceMeta(sender="x@gmail.com")).customer_code
        is None
    )


def test_agreeing_signals_add_up_and_conflicts_lower(matcher: Matcher) -> None:
    both = matcher.identify_customer(
        OrderDraft("x", customer_name="山田商店"), SourceMeta(fax_number="03-1234-5678")
    )
    alone = matcher.identify_customer(OrderDraft("x", customer_name="山田商店"), SourceMeta())
    assert both.confidence > alone.confidence
    conflict = matcher.identify_customer(
        OrderDraft("x", customer_name="さくら食堂"), SourceMeta(fax_number="03-1234-5678")
    )
    assert conflict.confidence < 0.6 and "示す情報もあり" in conflict.reason


def test_nothing_known_is_an_explained_none(matcher: Matcher) -> None:
    found = matcher.identify_customer(OrderDraft("x"), SourceMeta())
    assert found.customer_code is None and found.confidence == 0 and found.reason


def _order(matcher: Matcher, line: DraftLine, fax: str = "03-1234-5678"):  # type: ignore[no-untyped-def]
    return matcher.match_order(OrderDraft("x", lines=[line]), SourceMeta(fax_number=fax))


def test_cases_of_bottles_keep_what_was_written(matcher: Matcher) -> None:
    line = _order(matcher, DraftLine("朝霧 緑茶 500ml", quantity=2, unit="c/s")).lines[0]
    assert (line.product_code, line.quantity, line.unit) == ("B-1", 2, "ケース")
    assert (line.base_quantity, line.base_unit) == (48, "本")


def test_bottles_of_a_case_product(matcher: Matcher) -> None:
    line = _order(matcher, DraftLine("生ビール 350ml×24缶", quantity=8, unit="本")).lines[0]
    assert (line.base_quantity, line.base_unit) == (2, "ケース")
    odd = _order(matcher, DraftLine("生ビール 350ml×24缶", quantity=3, unit="個")).lines[0]
    assert any("端数" in w for w in odd.warnings)


def test_price_differences_are_flagged_not_overwritten(matcher: Matcher) -> None:
    line = _order(
        matcher, DraftLine("朝霧 緑茶 500ml", quantity=24, unit="本", unit_price=95)
    ).lines[0]
    assert line.unit_price == 95 and any("88" in w for w in line.warnings)
    case = _order(
        matcher, DraftLine("朝霧 緑茶 500ml", quantity=1, unit="ケース", unit_price=88 * 24)
    ).lines[0]
    assert not any("単価" in w for w in case.warnings)
    agreed = _order(
        matcher,
        DraftLine("朝霧 緑茶 500ml", quantity=1, unit="本", unit_price=88),
        fax="045-222-3333",
    ).lines[0]
    assert any("得意先別単価" in w for w in agreed.warnings)


def test_unknown_line_and_customer_are_explained(matcher: Matcher) -> None:
    order = matcher.match_order(OrderDraft("x", lines=[DraftLine("※※※")]), SourceMeta())
    assert order.customer.customer_code is None
    assert order.lines[0].product_code is None and order.lines[0].warnings
    assert any("得意先" in w for w in order.warnings)


def test_fax_header_line_name_and_misread_number(matcher: Matcher) -> None:
    from ordertake.domain import Evidence

    header = Evidence(0.5, None, "2026/01/09 18:41 FROM:93-1234-5678 株式会社ホテル港屋P, 001/001")
    draft = OrderDraft(
        "x", customer_name="株式会社東都フードサービス", evidence={"fax_header": header}
    )
    found = matcher.identify_customer(draft, SourceMeta())
    assert found.customer_code == "C003" and "FAXヘッダーの社名" in found.reason
    misread = OrderDraft("x", evidence={"fax_header": Evidence(0.5, None, "FROM:93-1234-5678")})
    near = matcher.identify_customer(misread, SourceMeta())
    assert near.customer_code == "C001" and near.confidence < 0.8  # a guess: the clerk checks


def test_name_read_with_noise_beside_it(matcher: Matcher) -> None:
    found = matcher.identify_customer(
        OrderDraft("x", customer_name="株式会社山田商店 P. 1/2"), SourceMeta()
    )
    assert found.customer_code == "C001"


def test_written_price_is_evidence_between_lookalikes() -> None:
    products = [
        Product("W-1", "天然水 500ml", "本", 58.0),
        Product("W-2", "天然水 550ml", "本", 62.0),
    ]
    m = Matcher(Catalog(products=products))
    garbled = "天然水 5?0ml"
    assert m.match_text(garbled, unit_price=62)[0].product_code == "W-2"
    assert m.match_text(garbled, unit_price=58)[0].product_code == "W-1"
    assert "単価一致" in m.match_text(garbled, unit_price=62)[0].reason


@pytest.mark.parametrize(
    ("quantity", "unit", "amount", "expected", "repaired"),
    [
        (19, "本", 880, 10, True),  # a faxed 0 read as 9; no unit price written
        (3, "ケース", 88 * 24 * 5, 5, True),  # the case price tells 3 from 5
        (19, None, 880, 10, True),  # no unit read: the one price that explains it
        (19, "本", 88 * 19, 19, False),  # the amount confirms what was read
        (2, "本", 88 * 13, 2, False),  # 13 is no misreading of 2: a clerk decides
        (10, None, 88 * 24 * 6, 10, False),  # 6 cases fit, but 6 is no misreading of 10
    ],
)
def test_quantity_is_read_again_from_amount_and_the_product_price(
    matcher: Matcher, quantity: float, unit: str | None, amount: float, expected: float,
    repaired: bool,
) -> None:
    line = _order(matcher, DraftLine("朝霧 緑茶 500ml", quantity=quantity, unit=unit,
                                     amount=amount)).lines[0]
    assert line.quantity == expected and line.draft.quantity == quantity
    assert any("読み替え" in w for w in line.warnings) is repaired


def test_a_quantity_parse_kept_against_the_amount_is_not_read_again_from_it(
        matcher: Matcher) -> None:
    # Both readings of the cell said 19; the amount (880 = 10 × 88) is the misread.
    kept = DraftLine("朝霧 緑茶 500ml", quantity=19, unit="本", amount=880,
                     quantity_kept=True, warnings=["amount 880 ≠ quantity 19 × unit price 88"])
    line = _order(matcher, kept).lines[0]
    assert line.quantity == 19 and not any("読み替え" in w for w in line.warnings)


def test_a_line_with_a_warning_is_never_sure_however_well_its_product_matched(
        matcher: Matcher) -> None:
    doubtful = DraftLine("朝霧 緑茶 500ml", code="B-1", quantity=3, unit="本",
                         warnings=["qty_unsure:read=3,picture=8"])
    clean_line = DraftLine("朝霧 緑茶 500ml", code="B-1", quantity=2, unit="本")
    order = matcher.match_order(OrderDraft("x", lines=[doubtful, clean_line]),
                                SourceMeta(fax_number="03-1234-5678"))
    flagged, clean = order.lines
    assert flagged.candidates[0].score >= 0.95 and clean.confidence >= 0.95
    assert flagged.confidence <= WARNED_LINE_CONFIDENCE < matcher.threshold
    # The order's note counts lines whose product needs a look: none here.
    assert not any("行の商品は確認が必要です" in w for w in order.warnings)


@pytest.mark.parametrize(
    "quantity, unit, doubtful",
    [(4.8, "本", True), (1.5, None, True), (2.5, "ケース", True), (48, "本", False),
     (1.5, "kg", False)],
)
def test_a_fraction_of_a_piece_is_never_sure(
        matcher: Matcher, quantity: float, unit: str | None, doubtful: bool) -> None:
    # 48 bottles read as 4.8 (a speck for a decimal point): the product is sure, the line not.
    line = _order(matcher, DraftLine("朝霧 緑茶 500ml", code="B-1", quantity=quantity,
                                     unit=unit)).lines[0]
    assert line.quantity == quantity
    assert any("端数" in w for w in line.warnings) is doubtful
    if doubtful:
        assert line.confidence <= WARNED_LINE_CONFIDENCE


def test_customer_from_a_number_or_name_anywhere_outside_the_table(matcher: Matcher) -> None:
    # Labels garbled by the fax: the number and the name still stand in the header lines; our
    # own name and number (not customers) say nothing.
    by_number = OrderDraft("x", header_texts=["TAX 03-5678-9012", "雷話 045-222-4444"])
    assert matcher.identify_customer(by_number, SourceMeta()).customer_code == "C002"
    by_name = OrderDraft("x", customer_name="東都フードサービス",
                         header_texts=["株式会社東都フードサービス 御中 株式会社ホテル港屋"])
    found = matcher.identify_customer(by_name, SourceMeta())
    assert found.customer_code == "C003" and "ホテル港屋" in found.reason
    assert matcher.identify_customer(OrderDraft("x", header_texts=["御中 03-5678-9012"]),
                                     SourceMeta()).customer_code is None


REREAD_PRODUCTS = [
    Product("B-1", "朝霧ビバレッジ 緑茶 500ml", "本", 88.0, "", 24),
    Product("B-2", "朝霧ビバレッジ 麦茶 500ml", "本", 88.0, "", 24),
]


def _reread(first: str, second: str) -> tuple[str | None, float]:
    matcher = Matcher(Catalog(products=REREAD_PRODUCTS))
    line = DraftLine(first, quantity=4, unit="本", readings=(second,))
    got = matcher.match_order(OrderDraft("x", lines=[line]), SourceMeta()).lines[0]
    return got.product_code, got.confidence


def test_the_second_reading_of_a_name_decides_only_for_the_clerk_to_confirm() -> None:
    from ordertake.matching.matcher import REREAD_CAP

    code, confidence = _reread("朝稀ビバレッジ 才茶500ml", "朝有竣ビバレッジ 麦茶 500ml")
    assert code == "B-2" and confidence <= REREAD_CAP


def test_a_second_reading_naming_the_same_product_makes_it_surer() -> None:
    matcher = Matcher(Catalog(products=REREAD_PRODUCTS))
    alone = matcher.match_text("朝稀ビバレッジ 麦茶5O0ml")[0]
    code, confidence = _reread("朝稀ビバレッジ 麦茶5O0ml", "朝霧ビバレッジ 麦茶 500ml")
    assert code == alone.product_code == "B-2" and confidence > alone.score


def test_a_worse_second_reading_changes_nothing() -> None:
    matcher = Matcher(Catalog(products=REREAD_PRODUCTS))
    alone = matcher.match_text("朝霧ビバレッジ 麦茶 500ml")[0]
    assert _reread("朝霧ビバレッジ 麦茶 500ml", "朝有竣 才茶") == ("B-2", alone.score)
