"""The clerk's flow in real headless Chromium (Debian's /usr/bin/chromium via Playwright).

Sign in, open the newest draft, fix a product through the typeahead, approve from the keyboard,
land on the next draft; counts keystrokes and clicks; checks XSS payloads stay text; two clerks
on one order; screenshots for reviewers under build/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import email
import json
from collections.abc import Iterator
from email import policy
from pathlib import Path

import pytest
from live import live_app
from playwright.sync_api import Browser, Page
from web_seed import LineSpec, add_draft, add_user, make_settings, seed_master

from ordertake.config import Settings
from ordertake.db.models import OrderRow, PageRow
from ordertake.db.session import make_engine, make_session_factory, migrate
from ordertake.ocr.load import read_document
from ordertake.review_ui.app import create_app

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "screenshots"
XSS = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
T0 = dt.datetime(2026, 11, 24, 8, 30, tzinfo=dt.UTC)


class Counter:
    """Keystrokes and clicks the clerk makes, counted as the test makes them."""

    def __init__(self, page: Page) -> None:
        self.page, self.keys, self.clicks = page, 0, 0

    def press(self, key: str) -> None:
        self.keys += 1
        self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.keys += len(text)
        self.page.keyboard.type(text, delay=15)

    def click(self, selector: str) -> None:
        self.clicks += 1
        self.page.click(selector)

    @property
    def total(self) -> int:
        return self.keys + self.clicks


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    tmp = tmp_path_factory.mktemp("web")
    url = f"sqlite:///{tmp / 'ordertake.db'}"
    engine = make_engine(url)
    migrate(engine)
    factory = make_session_factory(engine)
    with factory() as s:
        seed_master(s)
        add_user(s, "hanako", password="pw-hanako")
        add_user(s, "taro", password="pw-taro")
        xss = add_draft(s, [LineSpec("説明" + XSS, "A-10023")], subject="件名" + XSS,
                        customer_code=None, customer_name_read="客" + XSS,
                        received_at=T0, key="xss")
        correct = add_draft(s, [LineSpec("醤油 特選丸大豆 1.8L", "A-10023"),
                                LineSpec("米酢 500ml", "B-20001", quantity=12, unit_price=198)],
                            received_at=T0 + dt.timedelta(minutes=10), key="correct")
        wrong = add_draft(
            s,
            [LineSpec("醤油 特選丸大豆 1.8L", "A-10023"),
             LineSpec("濃口しょうゆ 1L", "B-20001", quantity=3, unit_price=260, confidence=0.55,
                      candidates=[("B-20001", 0.55, "fuzzy name"), ("C-30010", 0.3, "fuzzy")]),
             LineSpec("かつお節パック", "D-40100", quantity=2, unit="袋", unit_price=380)],
            subject="FAX注文 11/24", received_at=T0 + dt.timedelta(minutes=20), key="wrong")
        conflict = add_draft(s, [LineSpec("みりん 1L", "C-30010", unit_price=310)],
                             received_at=T0 - dt.timedelta(days=1), key="conflict")
        prod = s.query(type(s.get(OrderRow, wrong.id).lines[0].product)).filter_by(
            code="D-40100").one()
        prod.name = "かつお節" + XSS
        s.commit()
        ids = {"wrong": wrong.id, "correct": correct.id, "xss": xss.id, "conflict": conflict.id}
    app = create_app(make_settings(url, tmp / "var"))
    with live_app(app) as base:
        yield {"base": base, "ids": ids, "factory": factory}
    app.state.engine.dispose()
    engine.dispose()


def _sign_in(browser: Browser, base: str, name: str, password: str) -> Page:
    page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="ja-JP")
    page.goto(f"{base}/")
    assert "/login" in page.url
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/")
    return page


def _ready(page: Page) -> None:
    page.wait_for_selector("body[data-ready='1']")


def _status(server: dict, key: str) -> OrderRow:
    with server["factory"]() as s:
        order = s.get(OrderRow, server["ids"][key])
        assert order is not None
        _ = [(ln.line_no, ln.product.code if ln.product else None) for ln in order.lines]
        return order


def test_fix_a_product_and_approve_from_the_keyboard(server: dict, browser: Browser) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    base, ids = server["base"], server["ids"]
    page = _sign_in(browser, base, "hanako", "pw-hanako")
    page.screenshot(path=str(SHOTS / "queue.png"), full_page=True)
    # The newest draft is focused on the queue: Enter opens it.
    page.wait_for_function("document.activeElement && document.activeElement.id === 'first-order'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/orders/{ids['wrong']}")
    _ready(page)
    # The uncertain line's product is focused, its candidates open, its place on the fax marked.
    focused = page.evaluate("document.activeElement.closest('tr')?.dataset.index")
    assert focused == "1"
    assert page.locator("#picker li[role=option]").count() == 2
    assert page.locator(".page .hl").count() == 1
    page.screenshot(path=str(SHOTS / "order.png"))

    clerk = Counter(page)
    clerk.type("10024")  # typeahead over code, name and kana
    page.wait_for_selector("#picker li[role=option][aria-selected=true] >> text=A-10024")
    # Ctrl+Enter takes the highlighted product (as Enter would) and approves.
    clerk.press("Control+Enter")
    page.wait_for_url(f"{base}/orders/{ids['correct']}")
    fix_and_approve = clerk.total
    _ready(page)
    assert "承認しました" in page.inner_text("#notice")
    assert "記憶しました" in page.inner_text("#notice")  # the correction was learned
    order = _status(server, "wrong")
    assert order.status == "approved"
    assert [ln.product.code for ln in order.lines] == ["A-10023", "A-10024", "D-40100"]

    # A fully correct draft: one keystroke approves it and opens the next.
    clerk = Counter(page)
    clerk.press("Control+Enter")
    page.wait_for_url(f"{base}/orders/{ids['xss']}")
    approve_correct = clerk.total
    assert _status(server, "correct").status == "approved"

    metrics = {"approve_correct_draft_actions": approve_correct,
               "fix_one_product_and_approve_actions": fix_and_approve}
    (ROOT / "build" / "review-metrics.json").write_text(json.dumps(metrics, indent=2))
    print("\nkeystrokes+clicks:", metrics)
    assert approve_correct == 1
    assert fix_and_approve <= 6
    page.close()


def test_payloads_render_as_text_and_reject_with_a_reason(server: dict, browser: Browser) -> None:
    base, ids = server["base"], server["ids"]
    page = _sign_in(browser, base, "taro", "pw-taro")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{base}/?status=")
    assert page.evaluate("window.__pwned") is None
    page.goto(f"{base}/orders/{ids['xss']}")
    _ready(page)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img[src=x]").count() == 0
    text = page.inner_text("body")
    assert "件名<script>window.__pwned=1</script>" in text
    assert "説明<script>" in text and "客<script>" in text
    page.screenshot(path=str(SHOTS / "order-xss.png"))
    # A product name with markup is shown as text in the typeahead too.
    page.click("tr.line input.product")
    page.keyboard.press("Control+a")
    page.keyboard.type("D-40100", delay=10)
    page.wait_for_selector("#picker li[role=option]")
    assert "かつお節<script>" in page.inner_text("#picker")
    assert page.evaluate("window.__pwned") is None
    page.keyboard.press("Escape")
    # Reject with the keyboard: Alt+R, a reason, Enter.
    page.keyboard.press("Alt+r")
    page.keyboard.type("得意先不明のため")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: f"/orders/{ids['xss']}" not in url)
    order = _status(server, "xss")
    assert order.status == "rejected" and order.rejected_reason == "得意先不明のため"
    assert dialogs == [] and page.evaluate("window.__pwned") is None
    page.close()


def test_second_clerk_gets_a_conflict_and_loses_nothing(server: dict, browser: Browser) -> None:
    base, ids = server["base"], server["ids"]
    first = _sign_in(browser, base, "hanako", "pw-hanako")
    second = _sign_in(browser, base, "taro", "pw-taro")
    for page in (first, second):
        page.goto(f"{base}/orders/{ids['conflict']}")
        _ready(page)
    first.fill("input[name=notes]", "午前中に納品")
    first.keyboard.press("Control+s")
    first.wait_for_selector("#notice:not([hidden])")
    second.fill("tr.line input.qty", "9")
    second.keyboard.press("Control+s")
    second.wait_for_selector("#notice.error")
    assert "他の担当者" in second.inner_text("#notice")
    assert second.input_value("tr.line input.qty") == "9"  # the edit is still there
    second.screenshot(path=str(SHOTS / "conflict.png"))
    second.click("#notice button >> nth=0")  # save mine on top of theirs
    second.wait_for_selector("#notice:not(.error)")
    order = _status(server, "conflict")
    assert order.notes == "午前中に納品" and float(order.lines[0].quantity) == 9
    assert order.version == 3
    # Zoom and highlight work on the page image.
    before = second.evaluate("document.getElementById('zoom').getBoundingClientRect().width")
    second.click("#zoom-in")
    after = second.evaluate("document.getElementById('zoom').getBoundingClientRect().width")
    assert after > before * 1.2
    second.click("tr.line input.unit")
    box = second.locator(".page .hl").bounding_box()
    assert box is not None and box["width"] > 50
    first.close()
    second.close()


def test_failed_document_is_keyed_in_by_hand_beside_the_original(
    server: dict, browser: Browser
) -> None:
    import io

    from PIL import Image
    from web_seed import render_sheet

    from ordertake.db.models import DocumentRow
    from ordertake.ingest.blobs import put_blob

    pages = [Image.open(io.BytesIO(render_sheet(f"手書きFAX {n}", "佐藤食品", [])[0]))
             for n in (1, 2)]
    tiff = io.BytesIO()
    pages[0].save(tiff, format="TIFF", save_all=True, append_images=pages[1:],
                  compression="group4" if pages[0].mode == "1" else None)
    with server["factory"]() as s:
        doc = DocumentRow(ingest_key="manual-e2e", sha256=put_blob(s, tiff.getvalue()),
                          filename="fax-unreadable.tif", content_type="image/tiff",
                          source="folder", status="failed", error="no text found on any page",
                          error_reason="no_text")
        s.add(doc)
        s.commit()
        doc_id = doc.id
    base = server["base"]
    page = _sign_in(browser, base, "hanako", "pw-hanako")
    assert "no text found on any page" in page.inner_text(".failed")
    page.click(f"form[action='/documents/{doc_id}/manual'] button")
    page.wait_for_url(lambda url: "/orders/" in url)
    _ready(page)
    page.wait_for_function("[...document.querySelectorAll('.page.preview img')]"
                           ".filter(i => i.complete && i.naturalWidth > 0).length === 2")
    page.screenshot(path=str(SHOTS / "manual-entry.png"))
    # Customer is focused (unknown); one empty line is ready.
    assert page.evaluate("document.activeElement.id") == "customer"
    page.keyboard.type("佐藤")
    page.wait_for_selector("#picker li[role=option] >> text=C013")
    page.keyboard.press("Enter")
    page.click("tr.line input.product")
    page.keyboard.type("A-10023")
    page.wait_for_selector("#picker li[role=option] >> text=A-10023")
    page.keyboard.press("Enter")
    page.keyboard.type("5")
    order_url = page.url
    page.keyboard.press("Control+Enter")
    page.wait_for_url(lambda url: url != order_url)
    with server["factory"]() as s:
        order = s.query(OrderRow).filter_by(document_id=doc_id).one()
        assert order.status == "approved"
        assert [(ln.product.code, float(ln.quantity)) for ln in order.lines] == [("A-10023", 5)]
        assert order.customer is not None and order.customer.code == "C013"
    page.close()


def test_dates_are_japanese_whatever_the_browser_locale(server: dict, browser: Browser) -> None:
    with server["factory"]() as s:
        draft = add_draft(s, [LineSpec("米酢 500ml", "B-20001")], key="dates",
                          received_at=T0 - dt.timedelta(days=3))
        draft.order_date = dt.date(2026, 11, 20)
        s.commit()
        order_id = draft.id
    base = server["base"]
    page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="en-US")
    page.goto(f"{base}/login")
    page.fill("input[name=name]", "hanako")
    page.fill("input[name=password]", "pw-hanako")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/")
    assert page.get_attribute("input[name=date_from]", "lang") == "ja"
    page.goto(f"{base}/orders/{order_id}")
    _ready(page)
    # An en-US browser still shows and takes yyyy/mm/dd (a text field, not the locale's picker).
    assert page.input_value("input[name=order_date]") == "2026/11/20"
    page.click("input[name=delivery_date]")
    page.keyboard.type("2026-11-27")
    page.keyboard.press("Control+s")
    page.wait_for_selector("#notice:not(.error):not([hidden])")
    page.fill("input[name=order_date]", "")
    page.click("input[name=order_date]")
    page.keyboard.type("11/21/2026")
    page.keyboard.press("Control+s")
    page.wait_for_selector("#notice.error")
    assert "2026/11/20 の形で入力してください" in page.inner_text("#notice")
    assert "注文日" in page.inner_text("#notice")
    assert page.evaluate("document.activeElement.name") == "order_date"
    assert "missing" in (page.get_attribute("input[name=order_date]", "class") or "")
    page.screenshot(path=str(SHOTS / "date-error.png"))
    with server["factory"]() as s:
        order = s.get(OrderRow, order_id)
        assert order is not None
        assert (order.order_date, order.delivery_date) == (dt.date(2026, 11, 20),
                                                           dt.date(2026, 11, 27))
    page.close()


def test_a_mailed_excel_sheet_shows_in_its_rows_and_columns(server: dict, browser: Browser
                                                             ) -> None:
    sample = ROOT / "samples" / "documents" / "email-sheet" / "email-sheet-001.eml"
    message = email.message_from_bytes(sample.read_bytes(), policy=policy.default)
    workbook = next(message.iter_attachments())
    pages = read_document(workbook.get_content(), workbook.get_filename(), Settings())
    with server["factory"]() as s:
        draft = add_draft(s, [LineSpec("丸正 こいくち 1.8L", "A-10023")], key="sheet",
                          subject="注文書送付の件", received_at=T0 - dt.timedelta(days=2))
        s.query(PageRow).filter_by(document_id=draft.document_id).update({
            "source": "text", "image_sha256": None, "width": pages[0].width,
            "height": pages[0].height,
            "words": [[w.text, w.box.x0, w.box.y0, w.box.x1, w.box.y1, 1.0]
                      for w in pages[0].words]})
        # The line's evidence: the sheet's first item row (the row under the titles).
        titles = next(w for w in pages[0].words if w.text == "商品コード")
        row = titles.box.y0 + 1 / pages[0].height
        draft.lines[0].box = {"page": 1, "x0": 0.0, "y0": row, "x1": 0.6,
                              "y1": row + 0.9 / pages[0].height}
        s.commit()
        order_id = draft.id
    page = _sign_in(browser, server["base"], "hanako", "pw-hanako")
    page.goto(f"{server['base']}/orders/{order_id}")
    _ready(page)
    page.click("tr.line input.product")
    # The highlight lies over the first item's line of the sheet, the whole width of it.
    marked = page.evaluate("""() => {
        const hl = document.querySelector('.page .hl');
        const line = [...document.querySelectorAll('pre.textpage .ln')].find(
            l => l.offsetTop === hl.offsetTop);
        return {text: line ? line.textContent : null, height: hl.offsetHeight,
                lineHeight: line ? line.offsetHeight : 0,
                full: hl.offsetWidth === hl.parentElement.clientWidth};
    }""")
    assert marked["text"] is not None and marked["text"].split()[0] == "1", marked
    assert marked["height"] == marked["lineHeight"] and marked["full"], marked
    shown = page.inner_text("pre.textpage").split("\n")
    header = next(line for line in shown if "商品コード" in line)
    assert header.split()[:4] == ["No", "商品コード", "商品名", "入数"]
    rows = [line for line in shown if line.split()[:1] == ["1"]]
    assert rows, shown  # the first order line is a line of its own, not words run together
    # The sheet's title and dates are on lines of their own above the table.
    assert any("発注日" in line for line in shown[:shown.index(header)])
    page.screenshot(path=str(SHOTS / "excel-sheet.png"), full_page=True)
    page.close()
