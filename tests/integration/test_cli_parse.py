"""`ordertake parse` as a user runs it: JSON lines, --out files, errors that do not stop a batch."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
MASTER = ["--products", str(SAMPLES / "master" / "products.csv"),
          "--customers", str(SAMPLES / "master" / "customers.csv")]
PDF = SAMPLES / "documents" / "pdf-text" / "pdf-text-002.pdf"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ORDERTAKE_DATA_DIR": str(cwd / "var")}
    return subprocess.run([sys.executable, "-m", "ordertake", "parse", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def two_order_mail(tmp_path: Path) -> Path:
    msg = EmailMessage()
    msg["From"] = "buyer@example.jp"
    msg["Subject"] = "注文"
    msg["Date"] = "Fri, 20 Nov 2026 09:00:00 +0900"
    msg.set_content("別紙の通り発注します。")
    for name in ("a.pdf", "b.pdf"):
        msg.add_attachment(PDF.read_bytes(), maintype="application", subtype="pdf", filename=name)
    path = tmp_path / "two.eml"
    path.write_bytes(msg.as_bytes())
    return path


def test_json_lines_on_stdout(tmp_path: Path) -> None:
    proc = run(str(PDF), *MASTER, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    (line,) = proc.stdout.splitlines()
    order = json.loads(line)
    assert order["source"] == PDF.name
    assert set(order) >= {"customer_code", "customer_name", "customer_confidence", "order_number",
                          "order_date", "delivery_date", "lines", "warnings"}
    first = order["lines"][0]
    assert isinstance(first["quantity"], int) and first["unit"]
    assert set(first) >= {"product_code", "description", "quantity", "unit", "unit_price",
                          "confidence", "candidates"}


def test_out_dir_one_file_per_order_and_a_failing_file_does_not_stop_the_batch(
        tmp_path: Path) -> None:
    mail = two_order_mail(tmp_path)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    copy = tmp_path / "copy.pdf"
    shutil.copy(PDF, copy)
    out = tmp_path / "out"
    proc = run(str(empty), str(mail), str(copy), "--out", str(out), *MASTER, cwd=tmp_path)
    assert proc.returncode != 0
    errors = [x for x in proc.stderr.splitlines() if "error" in x]
    assert len(errors) == 1 and "empty.pdf" in errors[0] and "Traceback" not in proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["copy.json", "two-2.json", "two.json"]
    assert json.loads((out / "two-2.json").read_text())["lines"]
    assert "[3/3]" in proc.stderr  # progress for several files


def test_missing_master_csv_is_one_clear_line(tmp_path: Path) -> None:
    proc = run(str(PDF), "--products", str(tmp_path / "nope.csv"), cwd=tmp_path)
    assert proc.returncode == 2
    assert "nope.csv" in proc.stderr and "Traceback" not in proc.stderr


def test_a_mistyped_option_or_command_is_a_usage_line_not_a_traceback(tmp_path: Path) -> None:
    proc = run(str(PDF), "--prodcts", "x.csv", cwd=tmp_path)
    assert proc.returncode == 2
    assert "No such option: --prodcts" in proc.stderr and "Traceback" not in proc.stderr
    env = {**os.environ, "ORDERTAKE_DATA_DIR": str(tmp_path / "var")}
    proc = subprocess.run([sys.executable, "-m", "ordertake", "parce"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "No such command 'parce'" in proc.stderr and "Traceback" not in proc.stderr


def test_without_csvs_an_empty_data_dir_says_to_run_init(tmp_path: Path) -> None:
    proc = run(str(PDF), cwd=tmp_path)
    assert proc.returncode != 0
    assert "ordertake init" in proc.stderr and "Traceback" not in proc.stderr


def test_a_reply_orders_its_own_lines_not_the_order_it_quotes(tmp_path: Path) -> None:
    msg = EmailMessage()
    msg["From"] = "buyer@example.jp"
    msg["Subject"] = "Re: 注文"
    msg["Date"] = "Mon, 23 Nov 2026 09:00:00 +0900"
    msg.set_content("追加で下記お願いします。\n東洋飲料 麦茶 2L 二ケース\n\n"
                    "> 下記注文お願いします。\n> 丸正醤油 こいくちしょうゆ 1L 6本\n")
    mail = tmp_path / "reply.eml"
    mail.write_bytes(msg.as_bytes())
    proc = run(str(mail), *MASTER, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    (line,) = json.loads(proc.stdout)["lines"]
    assert (line["product_code"], line["quantity"], line["unit"]) == ("B-10053", 2, "ケース")
