"""Allow ``python -m ordertake``."""

from ordertake.cli import main

main()
