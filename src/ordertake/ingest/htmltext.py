"""HTML mail bodies as plain text, keeping table rows on their own lines (pure: no I/O)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "pre",
          "blockquote", "hr", "dt", "dd"}
_CELL = {"td", "th"}
_SKIP = {"script", "style", "head", "title"}


_ROW = {"tr", "table"}
_QUOTE = "> "
"""Lines of a <blockquote> (the mail a Gmail, Thunderbird or Apple Mail HTML reply quotes)
start with this, as the plain-text part of such a reply does: ingest.bodyorder then leaves the
quoted order out when the reply orders something itself."""


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.cell_depth = 0
        self.quote_depth = 0

    def _block(self, tag: str) -> None:
        # Inside a table cell a paragraph or line break (Outlook writes <td><p>…</p></td>)
        # is a space: the row stays one line.
        if self.cell_depth and tag not in _ROW:
            self.parts.append(" ")
        else:
            self.parts.append("\n" + _QUOTE * self.quote_depth)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag in _BLOCK:
            if tag in _ROW:
                self.cell_depth = 0  # a row (of this or a nested table) starts outside cells
            if tag == "blockquote":
                self.quote_depth += 1
            self._block(tag)
        elif tag in _CELL:
            self.cell_depth += 1
            self.parts.append("\t")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self._block(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _CELL:
            self.cell_depth = max(0, self.cell_depth - 1)
        elif tag in _BLOCK:
            if tag == "blockquote":
                self.quote_depth = max(0, self.quote_depth - 1)
            self._block(tag)

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(html: str) -> str:
    """Visible text of an HTML body: blocks and table rows as lines, cells separated by tabs."""
    collector = _TextCollector()
    try:
        collector.feed(html)
        collector.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; a bad document still gives text
        pass
    text = re.sub(r" *\t *", "\t", "".join(collector.parts).replace("\xa0", " "))
    lines = [re.sub(r"^[\t ]+|[\t ]+$", "", line) for line in text.split("\n")]
    text = "\n".join(lines)
    # Block tags open and close with a newline; collapse those pairs, keep paragraph gaps.
    text = re.sub(r"\n\n(?=[^\n])", "\n", re.sub(r"\n{3,}", "\n\n\n", text))
    return text.strip()
