"""The error tree. Every user-facing failure is one of these, with a message naming the fix.

OrdertakeError
 ├─ ConfigError           settings or environment are wrong (exit 3)
 ├─ MissingDependency     tesseract / language data / a server is missing (exit 3)
 ├─ InputError            a user-supplied file or argument is unusable (exit 2)
 │   ├─ MasterDataError   a master-data CSV cannot be read at all
 │   └─ DocumentError     a document cannot be read (encrypted, corrupt, too large, ...)
 ├─ ConflictError         an edit lost an optimistic-locking race (exit 4)
 └─ ExportError           an export cannot be written as asked (exit 5)
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    ROWS_REJECTED = 1
    INPUT = 2
    CONFIG = 3
    CONFLICT = 4
    EXPORT = 5
    INTERNAL = 70


class OrdertakeError(Exception):
    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class ConfigError(OrdertakeError):
    exit_code = ExitCode.CONFIG


class MissingDependency(ConfigError):
    pass


class InputError(OrdertakeError):
    exit_code = ExitCode.INPUT


class MasterDataError(InputError):
    pass


class DocumentError(InputError):
    """A document that cannot be read; `reason` is a stable key shown in the UI."""

    def __init__(self, message: str, *, reason: str = "unreadable", hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.reason = reason


class ConflictError(OrdertakeError):
    exit_code = ExitCode.CONFLICT


class ExportError(OrdertakeError):
    exit_code = ExitCode.EXPORT
