"""Bringing bytes in (mail, hot folder, upload): stored once and queued, never read here."""
