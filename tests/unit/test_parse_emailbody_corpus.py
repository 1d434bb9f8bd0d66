"""Order mail bodies as customers write them (tests/fixtures/mailbodies): every line read."""

from __future__ import annotations

from collections import Counter

import pytest
from mailbody_corpus import Mail, expected_keys, mails, read_keys, score_parse

MAILS = {mail.name: mail for mail in mails()}


def test_the_corpus_is_large_enough() -> None:
    assert len(MAILS) >= 25
    assert sum(len(mail.expected) for mail in MAILS.values()) >= 80


@pytest.mark.parametrize("name", sorted(MAILS))
def test_every_line_of_the_mail_is_read(name: str) -> None:
    mail: Mail = MAILS[name]
    assert Counter(read_keys(mail)) == Counter(expected_keys(mail)), mail.about


@pytest.mark.parametrize("name", sorted(n for n, m in MAILS.items() if not m.expected))
def test_a_mail_that_orders_nothing_gives_no_lines(name: str) -> None:
    assert read_keys(MAILS[name]) == []


def test_corpus_line_f1() -> None:
    score = score_parse()
    print(score.summary())
    assert score.f1 >= 0.99, "\n".join(score.misses)
