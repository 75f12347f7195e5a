"""Contributor Markdown to safe HTML: rendered first, then cleaned by an allow-list sanitiser.

Checking the typed text line by line misses what HTML allows (an attribute's `=` on the next
line, entities, SVG); so the prose is rendered exactly as readers get it and nh3 (ammonia) keeps
only the tags and attributes below. `removed_markup` walks the same rendered HTML against the same
allow-list to tell the contributor, at `path:line`, what the sanitiser would drop.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from html.parser import HTMLParser

import markdown
import nh3

from generator.markdown_text import relative_url

TAGS = {"p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "del",
        "ins", "sub", "sup", "code", "pre", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a",
        "img", "table", "thead", "tbody", "tr", "th", "td", "caption", "span", "abbr", "q", "cite",
        "bdi", "mark", "small", "figure", "figcaption"}
GENERIC = {"lang", "dir", "title"}
ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt", "width", "height"},
              "th": {"align", "colspan", "rowspan"}, "td": {"align", "colspan", "rowspan"},
              "ol": {"start"}, "*": GENERIC}
SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {"href", "src"}
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Markdown for prose: no attr_list (it would let `{: onclick=...}` through), no raw HTML magic.
EXTENSIONS = ["tables", "sane_lists"]


def render_prose(text: str, page: str = "") -> str:
    """Contributor Markdown as sanitised HTML, on one line per block so that MkDocs keeps it as
    a single raw HTML block; links to other pages' .md files point at their built pages."""
    rendered = markdown.markdown(text, extensions=EXTENSIONS, output_format="html")
    clean = nh3.clean(rendered, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES,
                      attribute_filter=_keep, strip_comments=True,
                      link_rel="noopener noreferrer")
    if page:
        clean = re.sub(r'href="([^":#?]+\.md)(#[^"]*)?"',
                       lambda m: f'href="{_built(page, m.group(1))}{m.group(2) or ""}"', clean)
    return "\n".join(line for line in clean.splitlines() if line.strip())


def _keep(tag: str, attribute: str, value: str) -> str | None:
    """Images only from the site itself: a reader's browser calls no other host."""
    if attribute == "src" and not _same_site(value):
        return None
    return value


def _same_site(url: str) -> bool:
    flat = re.sub(r"[\x00-\x20]", "", url)
    return not (SCHEME.match(flat) or flat.startswith("//") or flat.startswith("\\\\"))


def _built(page: str, target: str) -> str:
    """A docs-relative .md link as the built page's directory URL."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
    return relative_url(page, path[: -len(".md")] + "/")


class _Walker(HTMLParser):
    """Lists what the sanitiser would remove from rendered HTML, with a text to find it by."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []   # (description, text to look for in the source)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            handlers = [name for name, _ in attrs if name.startswith("on")]
            extra = f" with an event handler ({handlers[0]}=)" if handlers else ""
            self.found.append((f"a raw <{tag}> tag{extra}", f"<{tag}"))
            return
        allowed = ATTRIBUTES.get(tag, set()) | GENERIC
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((f"an event handler ({name}=)", name))
            elif name not in allowed:
                self.found.append((f"the attribute {name}= on <{tag}>", name))
            elif name in URL_ATTRIBUTES and value is not None:
                self._check_url(tag, name, value)

    handle_startendtag = handle_starttag

    def _check_url(self, tag: str, name: str, value: str) -> None:
        flat = re.sub(r"[\x00-\x20]", "", value)
        scheme = SCHEME.match(flat)
        if scheme and scheme.group(1).lower() not in SCHEMES:
            self.found.append((f"a {scheme.group(1).lower()}: URL", scheme.group(1)[:4]))
        elif name == "src" and not _same_site(value):
            self.found.append((f"an image from another site ({value[:60]}): images must be "
                               f"served by the site itself", value[:20]))


@functools.lru_cache(maxsize=65536)  # the live preview checks every unchanged profile again
def removed_markup(text: str) -> tuple[tuple[int, str], ...]:
    """(line within text, what would be removed) for everything the sanitiser drops."""
    walker = _Walker()
    walker.feed(markdown.markdown(text, extensions=EXTENSIONS, output_format="html"))
    walker.close()
    lines = text.splitlines() or [""]
    found = []
    for description, needle in walker.found:
        found.append((_line_of(lines, needle), description))
    return tuple(found)


def _line_of(lines: list[str], needle: str) -> int:
    """The first line that holds the needle, as typed or with its entities decoded (0-based)."""
    wanted = needle.casefold()
    joined = ""
    for number, line in enumerate(lines):
        joined = (joined + re.sub(r"[\x00-\x20]", "", html.unescape(line)))[-200:]
        if wanted in line.casefold() or wanted.replace(" ", "") in joined.casefold():
            return number
    return 0


def unsafe_markup(text: str) -> str | None:
    """What in a piece of Markdown the sanitiser would remove first, if anything."""
    found = removed_markup(text)
    return found[0][1] if found else None
