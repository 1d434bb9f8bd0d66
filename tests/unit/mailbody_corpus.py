"""The hand-written corpus of order mail bodies (tests/fixtures/mailbodies): read and score it.

Each mail is `NN-name.txt` (the body as typed) or `NN-name.html` (an HTML body), beside
`NN-name.json` with the lines a clerk would key: item text (`item`, "" when only a code is
written), `code` when the line gives one, `qty`, `unit` (null when none is written) and the
master product (`product`, a name in samples/master/products.csv) for an end-to-end check.

The body goes through what the pipeline does with a typed mail (ingest.bodyorder.order_text,
ocr.textpages.text_pages, parse.order.parse_pages), no matching. A line is right when its item
text (NFKC, spaces and case ignored), code, quantity and unit all are.

Run as a script for the corpus line F1 and every miss:
    .venv/bin/python tests/unit/mailbody_corpus.py [--match]
`--match` also matches the lines against samples/master/products.csv and scores product and
quantity as `ordertake eval` does.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "mailbodies"
MASTER = ROOT / "samples" / "master" / "products.csv"

LineKey = tuple[str, str, float, str]


def _norm(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").upper().split())


@dataclass
class Mail:
    name: str
    body: str
    expected: list[dict[str, Any]]
    about: str


def mails() -> list[Mail]:
    from ordertake.ingest.htmltext import html_to_text

    out = []
    for truth in sorted(CORPUS.glob("*.json")):
        body_file = next(p for p in (truth.with_suffix(".txt"), truth.with_suffix(".html"))
                         if p.is_file())
        body = body_file.read_text(encoding="utf-8")
        if body_file.suffix == ".html":
            body = html_to_text(body)
        data = json.loads(truth.read_text(encoding="utf-8"))
        out.append(Mail(truth.stem, body, data["lines"], data.get("about", "")))
    return out


def read_lines(body: str) -> list[Any]:
    """The draft lines the pipeline reads from a typed body (no matching)."""
    from ordertake.domain import SourceMeta
    from ordertake.ingest.bodyorder import order_text
    from ordertake.ocr.textpages import text_pages
    from ordertake.parse.order import parse_pages

    drafts = parse_pages(text_pages(order_text(body)), SourceMeta(filename="corpus.eml"))
    return [line for draft in drafts for line in draft.lines]


def expected_keys(mail: Mail) -> list[LineKey]:
    return [(_norm(e["item"]), _norm(e.get("code")), float(e["qty"]), e.get("unit") or "")
            for e in mail.expected]


def read_keys(mail: Mail) -> list[LineKey]:
    return [(_norm(ln.description), _norm(ln.code), float(ln.quantity or 0), ln.unit or "")
            for ln in read_lines(mail.body)]


@dataclass
class Score:
    truth: int = 0
    predicted: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, name: str, truth: list[Any], got: list[Any]) -> None:
        right = sum((Counter(truth) & Counter(got)).values())
        self.truth += len(truth)
        self.predicted += len(got)
        self.right += right
        if right != len(truth) or right != len(got):
            missing = list((Counter(truth) - Counter(got)).elements())
            extra = list((Counter(got) - Counter(truth)).elements())
            self.misses.append(f"{name}\n  missing {missing}\n  extra   {extra}")

    @property
    def f1(self) -> float:
        if not self.truth and not self.predicted:
            return 1.0
        return 2 * self.right / (self.truth + self.predicted)

    def summary(self) -> str:
        p = self.right / self.predicted if self.predicted else 1.0
        r = self.right / self.truth if self.truth else 1.0
        return (f"P {p:.3f}  R {r:.3f}  F1 {self.f1:.3f}  "
                f"right/truth/pred {self.right}/{self.truth}/{self.predicted}")


def score_parse() -> Score:
    score = Score()
    for mail in mails():
        score.add(mail.name, expected_keys(mail), read_keys(mail))
    return score


def score_matched() -> Score:
    """Product code and quantity after matching against the sample master (as eval scores)."""
    import csv

    from ordertake.cli.reading import build_matcher
    from ordertake.config import Settings
    from ordertake.domain import OrderDraft, SourceMeta
    from ordertake.parse.result import to_json

    with MASTER.open(encoding="utf-8") as f:
        code_of = {row["name"]: row["code"] for row in csv.DictReader(f)}
    matcher = build_matcher(MASTER, None, Settings())
    score = Score()
    for mail in mails():
        truth = [(code_of[e["product"]], float(e["qty"])) for e in mail.expected]
        draft = OrderDraft(source=mail.name, lines=read_lines(mail.body))
        result = to_json(matcher.match_order(draft, SourceMeta(filename=mail.name)))
        got = [(ln["product_code"] or "", float(ln["quantity"] or 0)) for ln in result["lines"]]
        score.add(mail.name, truth, got)
    return score


def main(argv: list[str]) -> int:
    parsed = score_parse()
    print("\n".join(parsed.misses))
    print(f"corpus {len(mails())} mails, parse lines: {parsed.summary()}")
    if "--match" in argv:
        matched = score_matched()
        print("\n".join(matched.misses))
        print(f"matched (product, quantity): {matched.summary()}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main(sys.argv[1:]))
