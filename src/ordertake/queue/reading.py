"""The real work a worker does: read and parse a document, match it against master data.

The Matcher is built once per process and rebuilt only when master data changed (checked with
one cheap aggregate query per document), so a worker never matches against stale products.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from ordertake.config import Settings
from ordertake.db.models import CustomerAliasRow, CustomerContactRow, CustomerRow, ProductRow
from ordertake.domain import MatchedOrder, Page, SourceMeta

if TYPE_CHECKING:
    from ordertake.matching import Matcher

log = logging.getLogger(__name__)


@dataclass
class Processed:
    pages: list[Page] = field(default_factory=list)
    orders: list[MatchedOrder] = field(default_factory=list)


Processor = Callable[[bytes, SourceMeta], Processed]
"""What a worker runs on each document's bytes. Raises DocumentError for unreadable input."""

ProcessorFactory = Callable[[Settings, "sessionmaker[Session]"], Processor]


def master_data_fingerprint(session: Session) -> tuple[Any, ...]:
    parts: list[Any] = []
    for model in (ProductRow, CustomerRow):
        parts.extend(session.execute(select(func.count(), func.max(model.updated_at))).one())
    for linked in (CustomerAliasRow, CustomerContactRow):
        parts.extend(session.execute(select(func.count(), func.max(linked.id))).one())
    return tuple(parts)


class ReadingProcessor:
    """`pipeline.read_and_parse` + `matching.Matcher`, the Matcher cached per process."""

    def __init__(self, settings: Settings, sessions: sessionmaker[Session]) -> None:
        self.settings = settings
        self.sessions = sessions
        self._matcher: Matcher | None = None
        self._fingerprint: tuple[Any, ...] | None = None
        self._building = threading.Lock()  # a worker reads several documents at a time

    def matcher(self) -> Matcher:
        from ordertake.matching import Matcher
        from ordertake.matching.catalog import load_catalog_db

        with self._building, self.sessions() as session:
            fingerprint = master_data_fingerprint(session)
            if self._matcher is None or fingerprint != self._fingerprint:
                log.info("loading master data for matching")
                self._matcher = Matcher(
                    load_catalog_db(session), self.settings.auto_accept_threshold
                )
                self._fingerprint = fingerprint
        return self._matcher

    def __call__(self, data: bytes, meta: SourceMeta) -> Processed:
        from ordertake.pipeline import read_and_parse

        matcher = self.matcher()
        result = read_and_parse(data, meta, self.settings)
        # Each draft carries its own meta (an e-mail's attachment: its fax number, the sender).
        return Processed(pages=list(result.pages), orders=result.match(matcher))


def reading_processor(settings: Settings, sessions: sessionmaker[Session]) -> Processor:
    return ReadingProcessor(settings, sessions)


def load_processor_factory(spec: str) -> ProcessorFactory:
    """`module:function` → a ProcessorFactory (the seam for plug-ins and tests)."""
    import importlib

    module_name, _, attr = spec.partition(":")
    factory = getattr(importlib.import_module(module_name), attr)
    return factory  # type: ignore[no-any-return]
