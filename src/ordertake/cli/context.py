"""What every command needs: settings, a migrated database, a session factory."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from ordertake.config import Settings, load_settings
from ordertake.db.session import is_migrated, make_engine, make_session_factory
from ordertake.errors import ConfigError


@dataclass
class Runtime:
    settings: Settings

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.settings.effective_database_url)

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        if not is_migrated(self.engine):
            raise ConfigError(
                "the database has no ordertake schema yet", hint="run `ordertake init` first"
            )
        return make_session_factory(self.engine)


def runtime() -> Runtime:
    return Runtime(load_settings())
