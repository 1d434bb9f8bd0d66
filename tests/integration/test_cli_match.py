"""`ordertake match` and `ordertake learned` as a user runs them (real process, real files/DB)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PRODUCTS = """code,name,unit,price,name_kana,case_qty,aliases
A-10019,丸正醤油 こいくちしょうゆ 1.8L,本,448,ﾏﾙｼｮｳ ｺｲｸﾁｼｮｳﾕ,6,MS-0015
A-10013,丸正醤油 こいくちしょうゆ 1L,本,298,ﾏﾙｼｮｳ ｺｲｸﾁｼｮｳﾕ,6,
B-10001,朝霧ビバレッジ 緑茶 525ml,本,92,ｱｻｷﾞﾘ ﾘｮｸﾁｬ,24,
X-1,,本,1,,,
"""


def run(args: list[str], tmp_path: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ORDERTAKE_DATA_DIR": str(tmp_path / "var"), "ORDERTAKE_DATABASE_URL": ""}
    return subprocess.run(
        [sys.executable, "-m", "ordertake", *args],
        input=stdin,
        text=True,
        capture_output=True,
        env=env,
        timeout=120,
    )


def test_match_prints_one_json_object_per_line(tmp_path: Path) -> None:
    csv = tmp_path / "products.csv"
    csv.write_text(PRODUCTS, encoding="utf-8")
    lines = "丸正 ｺｲｸﾁｼｮｳﾕ 1800ml\nA-1OO13\n\n!!!\n" + "醤油" * 50_000 + "\n"
    done = run(["match", "--products", str(csv)], tmp_path, lines)
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == 5
    assert out[0]["product_code"] == "A-10019" and out[0]["auto_accept"] is True
    assert out[0]["candidates"][0]["tier"] == "fuzzy" and out[0]["candidates"][0]["reason"]
    assert out[1]["product_code"] == "A-10013" and out[1]["candidates"][0]["tier"] == "code"
    assert out[2]["candidates"] == [] and out[3]["product_code"] is None
    assert "missing name" in done.stderr  # the bad master row is reported, not fatal


def test_match_without_master_is_one_clear_error(tmp_path: Path) -> None:
    assert run(["init"], tmp_path).returncode == 0
    done = run(["match"], tmp_path, "緑茶\n")
    assert done.returncode == 2 and "product master is empty" in done.stderr
    assert "Traceback" not in done.stderr
    missing = run(["match", "--products", str(tmp_path / "nope.csv")], tmp_path, "x\n")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_learned_list_and_remove_unknown(tmp_path: Path) -> None:
    assert run(["init"], tmp_path).returncode == 0
    listed = run(["learned", "list"], tmp_path)
    assert listed.returncode == 0 and "nothing learned" in listed.stdout
    gone = run(["learned", "remove", "alias", "42"], tmp_path)
    assert gone.returncode == 2 and "no learned alias entry with id 42" in gone.stderr
