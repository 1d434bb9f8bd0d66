"""Export from the screen in real headless Chromium: confirm a possible duplicate, download the CSV,
find nothing new the second time, download the past batch again byte for byte."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from export_support import order
from live import live_app
from playwright.sync_api import Browser, Page
from web_seed import add_user, make_settings

from ordertake.db.models import OrderRow
from ordertake.db.session import make_engine, make_session_factory, migrate
from ordertake.review_ui.app import create_app

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path: Path) -> Iterator[dict]:  # type: ignore[type-arg]
    url = f"sqlite:///{tmp_path / 'ordertake.db'}"
    engine = make_engine(url)
    migrate(engine)
    factory = make_session_factory(engine)
    with factory.begin() as s:
        add_user(s, "hanako", password="pw-hanako")
        first = order(s, lines=[("A-10023", 6, "本", 420)], order_number="PO-100",
                      product_names={"A-10023": "醤油 特選丸大豆 1.8L"})  # fmt: skip
        second = order(s, lines=[("B-20001", 12, "本", 198)], order_number="PO-101")
        resent = order(s, status="draft", lines=[("A-10023", 6, "本", 420)],
                       order_number="PO-100", duplicate_of_id=first.id)  # fmt: skip
        ids = {"first": first.id, "second": second.id, "resent": resent.id}
    app = create_app(make_settings(url, tmp_path / "var"))
    with live_app(app) as base:
        yield {"base": base, "ids": ids, "factory": factory}
    app.state.engine.dispose()
    engine.dispose()


def _sign_in(page: Page, base: str) -> None:
    page.goto(f"{base}/exports")
    page.fill("input[name=name]", "hanako")
    page.fill("input[name=password]", "pw-hanako")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/exports")


def test_export_from_the_screen(server: dict, browser: Browser, tmp_path: Path) -> None:  # type: ignore[type-arg]
    base, ids = server["base"], server["ids"]
    context = browser.new_context(accept_downloads=True, locale="ja-JP")
    page = context.new_page()
    _sign_in(page, base)
    assert page.text_content("#due-count") == "2"
    assert page.is_visible(f"#held >> text=#{ids['resent']}") is False  # still a draft

    # Approving the resent fax is refused until the clerk confirms it is a separate order.
    page.goto(f"{base}/orders/{ids['resent']}")
    page.wait_for_selector("body[data-ready='1']")
    assert page.is_visible(f"a[href='/orders/{ids['first']}']")
    page.click("#approve")
    page.wait_for_selector("label.missing #duplicate-confirmed")
    assert f"/orders/{ids['resent']}" in page.url
    page.check("#duplicate-confirmed")
    page.click("#approve")
    page.wait_for_url(lambda url: f"/orders/{ids['resent']}" not in url)

    page.goto(f"{base}/exports")
    assert page.text_content("#due-count") == "3"
    page.select_option("select[name=profile]", "japanese")
    with page.expect_download() as info:
        page.click("#export-button")
    first_file = tmp_path / "first.csv"
    info.value.save_as(first_file)
    data = first_file.read_bytes()
    text = data.decode("cp932")
    assert text.startswith("伝票番号,受注日,得意先コード,得意先名,得意先注文No,納期,")
    assert data.count(b"\r\n") == 4 and "醤油 特選丸大豆 1.8L" in text
    assert {line.split(",")[0] for line in text.splitlines()[1:]} == {
        str(ids["first"]), str(ids["second"]), str(ids["resent"])
    }  # fmt: skip

    page.goto(f"{base}/exports")
    assert page.text_content("#due-count") == "0"
    page.click("#export-button")
    page.wait_for_selector("text=Nothing new to export")

    with page.expect_download() as info:
        page.click("#batches a[download]")
    again = tmp_path / "again.csv"
    info.value.save_as(again)
    assert again.read_bytes() == data
    context.close()

    with server["factory"]() as s:
        statuses = {s.get(OrderRow, i).status for i in ids.values()}  # type: ignore[union-attr]
    assert statuses == {"exported"}
