"""Importing master data upserts by code on SQLite and PostgreSQL; learned contacts survive."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ordertake.db.models import CustomerContactRow, CustomerRow, ProductRow
from ordertake.domain import Customer, Product
from ordertake.masterdata import import_customers, import_products


def test_products_upsert_by_code(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        first = import_products(
            s, [Product("A-1", "醤油 1L", "本", 300), Product("A-2", "味噌", "袋", 250)]
        )
    assert (first.inserted, first.updated) == (2, 0)
    with sessions.begin() as s:
        second = import_products(
            s,
            [
                Product("A-1", "醤油 1L 新", "本", 320, case_qty=12),
                Product("A-3", "酢", "本", None),
            ],
        )
    assert (second.inserted, second.updated) == (1, 1)
    with sessions() as s:
        rows = {p.code: p for p in s.scalars(select(ProductRow))}
    assert set(rows) == {"A-1", "A-2", "A-3"}
    assert (
        rows["A-1"].name == "醤油 1L 新"
        and rows["A-1"].case_qty == 12
        and float(rows["A-1"].price) == 320
    )
    assert rows["A-3"].price is None


def test_customer_contacts_replaced_but_learned_kept(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        import_customers(
            s, [Customer("C1", "山田商店", faxes=("03-1111-2222",), emails=("a@yamada.jp",))]
        )
    with sessions.begin() as s:
        cid = s.scalar(select(CustomerRow.id).where(CustomerRow.code == "C1"))
        s.add(
            CustomerContactRow(
                customer_id=cid,
                kind="fax",
                value="045-999-8888",
                value_norm="0459998888",
                learned=True,
            )
        )
    with sessions.begin() as s:
        import_customers(s, [Customer("C1", "株式会社山田商店", faxes=("+81 3-1111-3333",))])
    with sessions() as s:
        contacts = {
            (c.kind, c.value_norm, c.learned) for c in s.scalars(select(CustomerContactRow))
        }
        name = s.scalar(select(CustomerRow.name))
    assert name == "株式会社山田商店"
    assert contacts == {("fax", "0311113333", False), ("fax", "0459998888", True)}


def test_cli_import_reports_and_exit_code(tmp_path: Path) -> None:
    env = {"ORDERTAKE_DATA_DIR": str(tmp_path / "var"), "PATH": "/usr/bin:/bin"}
    cli = [sys.executable, "-m", "ordertake"]
    subprocess.run([*cli, "init"], env=env, check=True, capture_output=True)
    good = tmp_path / "p.csv"
    good.write_text("code,name,unit,price\nA-1,水,本,100\nA-2,茶,本,x\n", encoding="cp932")
    proc = subprocess.run(
        [*cli, "import", "products", str(good)], env=env, capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert "1 inserted, 0 updated, 1 rejected" in proc.stdout
    assert f"{good}: line 3 (code A-2): bad price" in proc.stderr
    missing = subprocess.run(
        [*cli, "import", "products", str(tmp_path / "nope.csv")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr and "cannot open" in missing.stderr
