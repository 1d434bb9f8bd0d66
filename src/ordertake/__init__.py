"""ordertake: purchase orders from FAX and e-mail to approved, structured orders."""

__version__ = "0.1.0"
