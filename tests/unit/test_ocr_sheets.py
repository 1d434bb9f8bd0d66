"""Excel workbooks and CSV order sheets are read as text pages laid out like the sheet."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from email.message import EmailMessage

import pytest
from openpyxl import Workbook

from ordertake.config import Settings
from ordertake.domain import PageSource
from ordertake.errors import DocumentError
from ordertake.ingest.mime import unpack
from ordertake.ocr.load import read_document
from ordertake.ocr.sheets import csv_table, flat_orders
from ordertake.ocr.sniff import XLS, XLSX, ZIP, sniff_mime


def _order_sheet_book() -> Workbook:
    book = Workbook()
    _order_sheet(book.active)
    return book


def _xlsx(fill, hidden: list[list[object]] | None = None) -> bytes:  # type: ignore[no-untyped-def]
    book = Workbook()
    sheet = book.active
    fill(sheet)
    if hidden is not None:
        extra = book.create_sheet("単価表")
        for row in hidden:
            extra.append(row)
        extra.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _order_sheet(sheet) -> None:  # type: ignore[no-untyped-def]
    sheet.append(["発注書"])
    sheet.append(["発注日", dt.datetime(2026, 11, 20)])
    sheet.append([])
    sheet.append(["商品コード", "商品名", "数量", "単位", "単価", "金額"])
    sheet.append(["KT-0451", "特選 丸大豆しょうゆ 1.8L", 6.0, "本", 470, "=C5*E5"])
    sheet.append(["AB-1001", "緑茶\t525ml", 2, "ケース", 2400.5, None])


def _lines(pages) -> list[str]:  # type: ignore[no-untyped-def]
    rows: dict[tuple[int, float], list[str]] = {}
    for page in pages:
        for word in sorted(page.words, key=lambda w: w.box.x0):
            rows.setdefault((page.number, word.box.y0), []).append(word.text)
    return [" ".join(words) for _, words in sorted(rows.items())]


def test_xlsx_is_sniffed_apart_from_a_plain_zip_and_old_xls() -> None:
    assert sniff_mime(_xlsx(_order_sheet)) == XLSX
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("order.pdf", b"%PDF-1.4")
    assert sniff_mime(plain.getvalue()) == ZIP
    assert sniff_mime(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100) == XLS


def test_cells_become_words_in_columns_with_values_as_the_sheet_shows_them() -> None:
    pages = read_document(_xlsx(_order_sheet), "order.xlsx", Settings())
    assert [p.source for p in pages] == [PageSource.TEXT]
    lines = _lines(pages)
    assert lines[0] == "発注書"
    assert lines[1] == "発注日 2026/11/20"  # a date cell, not 2026-11-20 00:00:00
    # 6.0 is shown as 6; a formula without a saved value is an empty cell; a tab in a cell
    # does not split the row.
    assert lines[3] == "KT-0451 特選 丸大豆しょうゆ 1.8L 6 本 470"
    assert lines[4] == "AB-1001 緑茶 525ml 2 ケース 2400.5"
    words = {w.text: w.box for w in pages[0].words}
    # Columns line up: each header starts where its column's values start.
    assert words["数量"].x0 == pytest.approx(words["6"].x0)
    assert words["単位"].x0 == pytest.approx(words["ケース"].x0)


def test_hidden_sheets_are_not_read_and_later_sheets_continue_the_page_numbers() -> None:
    def two_sheets(sheet) -> None:  # type: ignore[no-untyped-def]
        _order_sheet(sheet)
        second = sheet.parent.create_sheet("追加分")
        second.append(["商品名", "数量"])
        second.append(["麦茶 2L", 3])

    pages = read_document(_xlsx(two_sheets, hidden=[["KT-0451", 999]]), "o.xlsx", Settings())
    assert [p.number for p in pages] == [1, 2]
    assert all(w.box.page == 2 for w in pages[1].words)
    assert "999" not in {w.text for p in pages for w in p.words}
    # 追加分 has no order fields of its own: its lines belong to the first sheet's order.
    assert [p.part for p in pages] == [0, 0]


def test_sheets_with_order_fields_of_their_own_are_orders_of_their_own() -> None:
    def per_store(sheet) -> None:  # type: ignore[no-untyped-def]
        for n, store in enumerate(("本店", "駅前店")):
            target = sheet if n == 0 else sheet.parent.create_sheet(store)
            target.append(["納品先", store])
            target.append(["納品日", dt.datetime(2026, 11, 24 + n)])
            target.append([])
            target.append(["商品名", "数量"])
            target.append(["麦茶 2L", 3 + n])

    pages = read_document(_xlsx(per_store), "stores.xlsx", Settings())
    assert [p.part for p in pages] == [0, 1]


def test_an_empty_workbook_is_a_clear_error() -> None:
    with pytest.raises(DocumentError) as caught:
        read_document(_xlsx(lambda sheet: None), "blank.xlsx", Settings())
    assert caught.value.reason == "empty"
    assert "blank.xlsx has no filled-in cells and no pasted order picture" in str(caught.value)


def test_a_damaged_workbook_is_a_clear_error() -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("xl/workbook.xml", b"<not-a-workbook")
    with pytest.raises(DocumentError) as caught:
        read_document(data.getvalue(), "broken.xlsx", Settings())
    assert caught.value.reason == "corrupt"
    assert "broken.xlsx is not a readable Excel workbook" in str(caught.value)


def test_a_workbook_that_unpacks_to_a_bomb_is_refused_unread() -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 120_000_000)
    assert len(data.getvalue()) < 1_000_000
    with pytest.raises(DocumentError) as caught:
        read_document(data.getvalue(), "bomb.xlsx", Settings())
    assert caught.value.reason == "too_large"
    assert "unpacks to 120,000,011 bytes" in str(caught.value)


def _xls(rows: list[list[object]], hidden: list[list[object]] | None = None) -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    dates = xlwt.easyxf(num_format_str="yyyy/mm/dd")
    for name, content in (("注文書", rows), ("単価表", hidden)):
        if content is None:
            continue
        sheet = book.add_sheet(name)
        for r, row in enumerate(content):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    sheet.write(r, c, value, dates)
                elif value is not None:
                    sheet.write(r, c, value)
        if name == "単価表":
            sheet.visibility = 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_excel_97_2003_workbooks_are_read_like_xlsx() -> None:
    data = _xls([["発注書"], ["発注日", dt.date(2026, 11, 20)], [],
                 ["商品コード", "商品名", "数量", "単位"],
                 ["KT-0451", "特選 丸大豆しょうゆ 1.8L", 6.0, "本"]],
                hidden=[["KT-0451", 999]])
    assert sniff_mime(data) == XLS
    pages = read_document(data, "order.xls", Settings())
    assert _lines(pages) == ["発注書", "発注日 2026/11/20", "商品コード 商品名 数量 単位",
                             "KT-0451 特選 丸大豆しょうゆ 1.8L 6 本"]


def test_other_office_97_2003_files_are_refused_with_what_to_do() -> None:
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600  # a .doc or .msg, say
    with pytest.raises(DocumentError) as caught:
        read_document(ole2, "mail.msg", Settings())
    assert caught.value.reason == "unsupported_type"
    assert "not a readable Excel workbook" in str(caught.value)
    assert ".xlsx" in caught.value.hint


CSV_ORDER = "発注書,,,\r\n発注日,2026/11/20,,\r\n商品名,数量,単位,備考\r\n" \
            "\"特選 丸大豆しょうゆ, 1.8L\",6,本,\r\n緑茶 525ml,2,ケース,至急\r\n"


@pytest.mark.parametrize("encoding", ["cp932", "utf-8-sig"])
def test_csv_exported_by_excel_is_read_in_columns(encoding: str) -> None:
    pages = read_document(CSV_ORDER.encode(encoding), "order.csv", Settings())
    lines = _lines(pages)
    assert lines[2] == "商品名 数量 単位 備考"
    assert lines[3] == "特選 丸大豆しょうゆ, 1.8L 6 本"  # the quoted comma stays in its cell
    words = {w.text: w.box for w in pages[0].words}
    assert words["数量"].x0 == pytest.approx(words["6"].x0)


@pytest.mark.parametrize(
    "text",
    [
        "いつもお世話になっております。\n醤油 1.8L 6本、緑茶 2ケース、麦茶 3本\nよろしく\n",
        "醤油 特選丸大豆1.8L 6本\n・緑茶525ml ×2ケース\nKT-0451 10\n",
        "単価は1,200円、1,500円、2,000円です。\n",
    ],
)
def test_typed_orders_and_letters_are_not_taken_for_csv(text: str) -> None:
    assert csv_table(text) is None


def _mail_with(filename: str, data: bytes, maintype: str, subtype: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "buyer@example.co.jp"
    msg["To"] = "orders@example.co.jp"
    msg["Subject"] = "注文書"
    msg.set_content("添付の通り発注します。")
    msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg.as_bytes()


def test_mailed_workbooks_and_csv_sheets_are_order_attachments_other_text_is_not() -> None:
    xlsx = _mail_with("注文書.xlsx", _xlsx(_order_sheet), "application", "octet-stream")
    assert [a.content_type for a in unpack(xlsx).attachments] == [XLSX]
    old = _mail_with("注文書.xls", _xls([["商品名", "数量", "単位"], ["麦茶", 2, "本"]]),
                     "application", "vnd.ms-excel")
    assert [a.content_type for a in unpack(old).attachments] == [XLS]
    csv_mail = _mail_with("order.csv", CSV_ORDER.encode("cp932"), "text", "csv")
    assert [a.content_type for a in unpack(csv_mail).attachments] == ["text/csv"]
    note = _mail_with("readme.txt", "よろしくお願いします。\n".encode(), "text", "plain")
    mail = unpack(note)
    assert mail.attachments == ()
    assert "not an order document type" in mail.skipped[0].reason


FLAT = [["発注番号", "発注日", "納品日", "店舗名", "商品コード", "商品名", "数量", "単位"],
        ["PO-1", "2026/11/20", "2026/11/24", "山田商店", "A-1", "醤油 1L", "6", "本"],
        ["PO-1", "2026/11/20", "2026/11/24", "山田商店", "A-2", "麦茶 2L", "2", "ケース"],
        ["PO-2", "2026/11/20", "2026/11/25", "山田商店", "A-3", "緑茶 525ml", "24", "本"]]


def test_a_flat_export_is_one_form_per_order_number_with_its_fields_above_the_table() -> None:
    first, second = flat_orders(FLAT)
    assert first == [["発注番号", "PO-1"], ["発注日", "2026/11/20"], ["納品日", "2026/11/24"],
                     ["店舗名", "山田商店"], [],
                     ["商品コード", "商品名", "数量", "単位"],
                     ["A-1", "醤油 1L", "6", "本"], ["A-2", "麦茶 2L", "2", "ケース"]]
    assert second[:3] == [["発注番号", "PO-2"], ["発注日", "2026/11/20"], ["納品日", "2026/11/25"]]
    assert second[-1] == ["A-3", "緑茶 525ml", "24", "本"]


def test_each_delivery_date_under_one_order_number_is_an_order_of_its_own() -> None:
    rows = [FLAT[0], FLAT[1], FLAT[2],
            ["PO-1", "2026/11/20", "2026/11/27", "山田商店", "A-3", "緑茶 525ml", "24", "本"]]
    first, second = flat_orders(rows)
    assert first[:3] == [["発注番号", "PO-1"], ["発注日", "2026/11/20"], ["納品日", "2026/11/24"]]
    assert [row[0] for row in first[-2:]] == ["A-1", "A-2"]
    assert second[:3] == [["発注番号", "PO-1"], ["発注日", "2026/11/20"], ["納品日", "2026/11/27"]]
    assert second[-1] == ["A-3", "緑茶 525ml", "24", "本"]


def test_without_order_numbers_each_delivery_date_is_an_order_and_other_columns_stay() -> None:
    rows = [["発注日", "納品日", "商品名", "規格", "数量"],
            ["2026/11/20", "2026/11/24", "醤油", "1L", "6"],
            ["2026/11/20", "2026/11/27", "麦茶", "2L", "2"],
            ["2026/11/20", "2026/11/27", "緑茶", "", "3"]]
    first, second = flat_orders(rows)
    assert first == [["発注日", "2026/11/20"], ["納品日", "2026/11/24"], [],
                     ["商品名", "規格", "数量"], ["醤油", "1L", "6"]]
    assert second[1] == ["納品日", "2026/11/27"]
    assert second[-2:] == [["麦茶", "2L", "2"], ["緑茶", "", "3"]]


def test_a_form_header_block_beside_its_values_is_no_flat_export() -> None:
    rows = [["PURCHASE ORDER"], ["To:", "ACME", "", "", "PO No.", "A2612-54"],
            ["From:", "Shop", "", "", "Order Date", "2026/12/13"], [],
            ["Item No.", "Description", "Qty", "Unit"], ["150570", "Soap 500g", "5", "bag"]]
    assert flat_orders(rows) == [rows]
    assert flat_orders(FLAT[1:]) == [FLAT[1:]]  # no title row: nothing to lift


def test_each_order_of_a_flat_csv_is_read_as_an_order_of_its_own() -> None:
    text = "\r\n".join(",".join(row) for row in FLAT) + "\r\n"
    pages = read_document(text.encode("cp932"), "orders.csv", Settings())
    assert [p.part for p in pages] == [0, 1]
    assert [p.number for p in pages] == [1, 2]


def test_a_workbook_with_an_xml_entity_bomb_is_refused_quickly() -> None:
    # Billion laughs in the shared strings: defusedxml (used by openpyxl when installed)
    # refuses entity declarations instead of expanding them.
    laughs = '<!DOCTYPE x [<!ENTITY a "hahahahahahahahahaha">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)) + "]>"
    out = io.BytesIO()
    _order_sheet_book().save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    bombed = io.BytesIO()
    with zipfile.ZipFile(bombed, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode().replace("<v>6</v>", "<v>&i;</v>")
                assert "&i;" in text
                data = (laughs + text).encode()
            archive.writestr(info, data)
    with pytest.raises(DocumentError) as caught:
        read_document(bombed.getvalue(), "laughs.xlsx", Settings())
    assert caught.value.reason == "corrupt"



def test_a_workbook_or_csv_of_more_pages_than_the_limit_is_refused() -> None:
    def many_sheets(sheet) -> None:  # type: ignore[no-untyped-def]
        for n in range(12):  # 12 sheets of 61 rows: two pages each
            target = sheet if n == 0 else sheet.parent.create_sheet(f"店舗{n}")
            for i in range(61):
                target.append(["麦茶 2L", i + 1])

    settings = Settings(max_pages=20)
    with pytest.raises(DocumentError) as caught:
        read_document(_xlsx(many_sheets), "stores.xlsx", settings)
    assert caught.value.reason == "too_many_pages"
    assert "stores.xlsx has more than 20 pages of cells (1200 rows)" in str(caught.value)
    rows = "商品名,数量,単位\r\n" + "麦茶 2L,1,本\r\n" * 1500
    with pytest.raises(DocumentError) as caught:
        read_document(rows.encode(), "dump.csv", settings)
    assert caught.value.reason == "too_many_pages"
    assert len(read_document(rows.encode(), "dump.csv", Settings(max_pages=30))) == 26
