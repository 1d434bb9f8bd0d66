"""Master data (products, customers): CSV reading and validation, and import into the database."""

from ordertake.masterdata.csvread import (
    ReadResult,
    RowError,
    read_customers_csv,
    read_products_csv,
)
from ordertake.masterdata.importer import ImportSummary, import_customers, import_products

__all__ = [
    "ImportSummary",
    "ReadResult",
    "RowError",
    "import_customers",
    "import_products",
    "read_customers_csv",
    "read_products_csv",
]
