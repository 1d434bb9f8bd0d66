"""`ordertake eval` end to end: real CLI, real files, whatever parse really returns."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ordertake.evaluate import evaluate, find_samples, summarise

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "samples" / "documents"
MASTER = ROOT / "samples" / "master"


def run_eval(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ordertake", "eval", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A small sample folder: master data, one text-layer PDF, one corrupt fax, one orphan truth."""
    shutil.copytree(MASTER, tmp_path / "master")
    pdf = tmp_path / "pdf-text"
    pdf.mkdir()
    for name in ("pdf-text-001.pdf", "pdf-text-001.truth.json"):
        shutil.copy(DOCUMENTS / "pdf-text" / name, pdf / name)
    fax = tmp_path / "fax-fine"
    fax.mkdir()
    good = (DOCUMENTS / "fax-fine" / "fax-fine-001.pdf").read_bytes()
    (fax / "broken.pdf").write_bytes(good[: len(good) // 3])
    shutil.copy(DOCUMENTS / "fax-fine" / "fax-fine-001.truth.json", fax / "broken.truth.json")
    shutil.copy(DOCUMENTS / "fax-fine" / "fax-fine-004.truth.json", fax / "orphan.truth.json")
    return tmp_path


def test_eval_json_scores_every_truth_file_and_goes_on_after_failures(folder: Path) -> None:
    result = run_eval(str(folder), "--json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert report["master"]["products"].endswith("master/products.csv")
    assert set(report["kinds"]) == {"pdf-text", "fax-fine"}
    assert report["overall"]["documents"] == 3
    docs = {d["document"]: d for d in report["documents"]}
    assert set(docs) == {
        "pdf-text/pdf-text-001.pdf",
        "fax-fine/broken.pdf",
        "fax-fine/orphan.truth.json",
    }
    assert "no document named orphan" in docs["fax-fine/orphan.truth.json"]["error"]
    assert docs["fax-fine/broken.pdf"]["error"]
    assert docs["fax-fine/broken.pdf"]["lines"]["right"] == 0
    assert report["kinds"]["fax-fine"]["failed"] == 2
    text_doc = docs["pdf-text/pdf-text-001.pdf"]
    truth_lines = len(
        json.loads((folder / "pdf-text" / "pdf-text-001.truth.json").read_text())["lines"]
    )
    assert text_doc["lines"]["truth"] == truth_lines
    if text_doc["error"]:  # honest zero while the reading pipeline cannot run
        assert report["kinds"]["pdf-text"]["line_f1"] == 0.0
    else:
        assert text_doc["orders"]["predicted"] >= 1


def test_eval_table_names_kinds_and_failures(folder: Path) -> None:
    result = run_eval(str(folder))
    assert result.returncode == 0, result.stderr
    for text in ("pdf-text", "fax-fine", "overall", "F1", "failed", "orphan.truth.json"):
        assert text in result.stdout


def test_eval_without_truth_files_is_one_clear_error(tmp_path: Path) -> None:
    result = run_eval(str(tmp_path))
    assert result.returncode == 2
    assert "no ground-truth files" in result.stderr and "Traceback" not in result.stderr


def test_evaluate_scores_what_the_parser_returns() -> None:
    """Through the parser seam: a parser that returns the truth scores 1.0; one that raises, 0."""
    samples = [s for s in find_samples(DOCUMENTS) if s.kind in {"email-forward", "pdf-text"}]

    def truthful(path: Path) -> list[dict[str, Any]]:
        sample = next(s for s in samples if s.document == path)
        return [
            {
                "customer_code": o.customer_code,
                "order_number": o.order_number,
                "order_date": o.order_date,
                "delivery_date": o.delivery_date,
                "lines": [
                    {"product_code": ln.product_code, "quantity": ln.quantity, "unit": ln.unit}
                    for ln in o.lines
                ],
            }
            for o in sample.orders
        ]

    per_kind, overall = summarise(evaluate(samples, truthful, DOCUMENTS))
    assert overall.f1 == 1.0 and overall.documents_right == 1.0
    assert set(per_kind) == {"email-forward", "pdf-text"}
    side_by_side = evaluate(samples, truthful, DOCUMENTS, jobs=3)
    assert [d.name for d in side_by_side] == [
        str(s.document.relative_to(DOCUMENTS)) for s in samples
    ]
    assert all(d.entirely_right for d in side_by_side)

    def broken(path: Path) -> list[dict[str, Any]]:
        raise ValueError(f"cannot read {path.name}")

    docs = evaluate(samples, broken, DOCUMENTS)
    assert len(docs) == len(samples)
    assert all(d.error.startswith("ValueError: cannot read") for d in docs)
    assert summarise(docs)[1].f1 == 0.0
