"""Numbered sources for one page: each cited document gets a number the first time it is cited."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.markdown_text import escape, mark_arabic, relative, safe_url
from generator.records import Document
from generator.sanitize import render_prose

CITATION = re.compile(r"\[@([a-z0-9-]+)\]")


@dataclass
class SourceList:
    page: str
    documents: dict[str, Document]
    order: list[str] = field(default_factory=list)

    def number(self, slug: str) -> int:
        if slug not in self.order:
            self.order.append(slug)
        return self.order.index(slug) + 1

    def cite(self, slugs: tuple[str, ...] | list[str]) -> str:
        """Markdown reference marks like [1][4], linked to the list at the bottom of the page."""
        return "".join(f"[\\[{n}\\]](#ref-{n})" for n in sorted({self.number(s) for s in slugs}))

    def prose(self, markdown: str | None) -> str:
        """Contributor Markdown, each [@slug] a numbered reference, rendered and sanitised."""
        marked = CITATION.sub(lambda m: self.cite([m.group(1)]), markdown or "")
        return f'<div class="briefing-prose">\n{mark_arabic(render_prose(marked, self.page))}\n</div>'

    def text(self, plain: str | None) -> str:
        """Untrusted plain text, escaped, with each [@slug] turned into a numbered reference."""
        parts = CITATION.split(plain or "")
        return "".join(self.cite([part]) if index % 2 else mark_arabic(escape(part))
                       for index, part in enumerate(parts))

    def entries(self) -> list[tuple[int, str]]:
        """(number, Markdown line) for every cited document, in citation order."""
        lines = []
        for number, slug in enumerate(self.order, start=1):
            doc = self.documents[slug]
            link = relative(self.page, doc.page)
            original = safe_url(doc.source_url) or ""
            address = (f' <span class="briefing-print-only">· <a class="briefing-source-url" '
                       f'href="{escape(original)}">{escape(original)}</a></span>') if original else ""
            lines.append((number, f'<span id="ref-{number}"></span>'
                                  f'[{mark_arabic(escape(doc.title))}]({link})'
                                  f" — {mark_arabic(escape(doc.outlet))}, {doc.published}{address}"))
        return lines
