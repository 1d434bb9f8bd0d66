"""Matching: which customer sent an order and which product each line means."""

from ordertake.matching.catalog import Catalog, load_catalog_csv, load_catalog_db
from ordertake.matching.matcher import Matcher

__all__ = ["Catalog", "Matcher", "load_catalog_csv", "load_catalog_db"]
