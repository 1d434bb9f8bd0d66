"""A mailed weekly order sheet (週間発注表) through `ordertake parse`: an order per delivery day."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
MASTER = ["--products", str(SAMPLES / "master" / "products.csv"),
          "--customers", str(SAMPLES / "master" / "customers.csv")]


def weekly_book() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "週間発注表"
    for row in [
        ["週間発注表", None, None, None, None, None, None, None, None, None],
        ["得意先名", "株式会社山田商店"],
        ["発注番号", "W-2611-30"],
        ["発注日", dt.datetime(2026, 11, 26)],
        ["対象期間", "2026/11/30～2026/12/05"],
        [],
        ["商品コード", "商品名", "入数", "月", "火", "水", "木", "金", "土", "合計"],
        ["A-10019", "丸正醤油 こいくちしょうゆ 1.8L", 6, 6, None, None, 6, None, None, 12],
        ["A-10032", "丸正醤油 特選丸大豆しょうゆ 1L", 6, None, 12, None, None, None, None, 12],
        ["A-10004", "丸正醤油 こいくちしょうゆ 500ml", 12, None, None, None, None, None, None, 0],
        ["A-10013", "丸正醤油 こいくちしょうゆ 1L", 6, 3, None, None, "未定", None, None, 6],
        ["合計", None, None, 9, 12, 0, 9, 0, 0, 30],
    ]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_mailed_weekly_sheet_is_one_order_per_delivery_day(tmp_path: Path) -> None:
    msg = EmailMessage()
    msg["From"] = "order@yamada-shoten.co.jp"
    msg["Subject"] = "来週分 週間発注表"
    msg["Date"] = "Thu, 26 Nov 2026 17:00:00 +0900"
    msg.set_content("来週分の発注表を添付します。")
    msg.add_attachment(weekly_book(), maintype="application", subtype="octet-stream",
                       filename="週間発注表.xlsx")
    path = tmp_path / "weekly.eml"
    path.write_bytes(msg.as_bytes())
    env = {**os.environ, "ORDERTAKE_DATA_DIR": str(tmp_path / "var")}
    proc = subprocess.run([sys.executable, "-m", "ordertake", "parse", str(path), *MASTER],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    orders = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(o["delivery_date"], [(x["product_code"], x["quantity"]) for x in o["lines"]])
            for o in orders] == [
        ("2026-11-30", [("A-10019", 6), ("A-10013", 3)]),
        ("2026-12-01", [("A-10032", 12)]),
        ("2026-12-03", [("A-10019", 6), ("A-10013", None)])]
    for order in orders:
        assert (order["customer_code"], order["order_number"], order["order_date"]) == (
            "C001", "W-2611-30", "2026-11-26")
    assert [o["warnings"] for o in orders] == [[], [], ["line 2: qty_unreadable:未定"]]
