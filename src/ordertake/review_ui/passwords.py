"""Password hashing (argon2id) and API tokens (random, stored only as sha256)."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verifying against this when the user does not exist keeps the timing of a wrong name and a
# wrong password alike.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when `password` matches; an empty hash (token-only user) never matches."""
    if not stored_hash:
        burn_time(password)
        return False
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def burn_time(password: str) -> None:
    """Spend one verification's time, for unknown user names."""
    try:
        _hasher.verify(_DUMMY_HASH, password + "x")
    except VerificationError:
        pass


def needs_rehash(stored_hash: str) -> bool:
    return bool(stored_hash) and _hasher.check_needs_rehash(stored_hash)


def new_api_token() -> str:
    return "otk_" + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
