"""Order mail bodies as customers write them (tests/fixtures/mailbodies): every line read."""

from __future__ import annotations

from collections import Counter

import pytest
from mailbody_corpus import Mail, Score, expected_keys, mails, read_keys, score_parse

MAILS = {mail.name: mail for mail in mails()}

# Mails the table code (parse/table.py, not e-mail body reading) still gets wrong.
TABLE_CODE: set[str] = set()


def test_the_corpus_is_large_enough() -> None:
    assert len(MAILS) >= 25
    assert sum(len(mail.expected) for mail in MAILS.values()) >= 80


# Mails with a way of writing the e-mail body reader does not know yet.
NOT_YET: dict[str, str] = {}


KNOWN_GAPS = sorted(TABLE_CODE | set(NOT_YET))


@pytest.mark.parametrize("name", sorted(set(MAILS) - set(KNOWN_GAPS)))
def test_every_line_of_the_mail_is_read(name: str) -> None:
    mail: Mail = MAILS[name]
    assert Counter(read_keys(mail)) == Counter(expected_keys(mail)), mail.about


@pytest.mark.parametrize("name", KNOWN_GAPS)
def test_a_known_gap_is_still_misread(name: str) -> None:
    # Counted in the corpus F1 below. When this fails the gap is closed: take the mail out of
    # TABLE_CODE or NOT_YET, so that it is held to every line being read.
    mail: Mail = MAILS[name]
    assert Counter(read_keys(mail)) != Counter(expected_keys(mail)), mail.about


@pytest.mark.parametrize("name", sorted(n for n, m in MAILS.items() if not m.expected))
def test_a_mail_that_orders_nothing_gives_no_lines(name: str) -> None:
    assert read_keys(MAILS[name]) == []


def test_corpus_line_f1() -> None:
    score = score_parse()
    print(score.summary())
    assert score.f1 >= 0.99, "\n".join(score.misses)


def test_line_f1_of_the_mails_read_without_the_table_code() -> None:
    score = Score()
    for name, mail in MAILS.items():
        if name not in TABLE_CODE and name not in NOT_YET:
            score.add(name, expected_keys(mail), read_keys(mail))
    print(score.summary())
    assert score.f1 >= 0.99, "\n".join(score.misses)
