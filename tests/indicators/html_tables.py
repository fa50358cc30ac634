"""Read the indicator tables of a page as a person sees them:
{table code: {row key: [the text of the cells after the row's heading]}}."""

from html.parser import HTMLParser


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: dict[str, dict[str, list[str]]] = {}
        self._section = None
        self._row: list[str] | None = None
        self._key: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and (attrs.get("id") or "").startswith("table-"):
            self._section = attrs["id"][len("table-") :]
            self.tables[self._section] = {}
        elif self._section and tag == "tr":
            self._row = []
            self._key = attrs.get("data-key")
        elif self._row is not None and tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row and self._section and self._key:
                self.tables[self._section][self._key] = self._row[1:]
            self._row = None
        elif tag == "section":
            self._section = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def page_tables(html: str) -> dict[str, dict[str, list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables
