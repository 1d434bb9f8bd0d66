"""Persistence: SQLAlchemy models, sessions, migrations and queries (the only SQL in ordertake)."""
