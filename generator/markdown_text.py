"""Safe Markdown building blocks: untrusted text in, inert Markdown out."""

from __future__ import annotations

import functools
import posixpath
import re

# Characters that HTML or Markdown (with attr_list, tables, emphasis, links) would interpret.
_ENTITIES = {c: f"&#{ord(c)};" for c in "&<>[]()*_`|\\!#{}~^$+=:\"'"}
_ENTITIES.update({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")


def escape(text: object) -> str:
    """Text shown as itself: every HTML and Markdown control character becomes an entity."""
    if text is None:
        return ""
    flat = re.sub(r"\s+", " ", str(text))
    return _SPECIAL.sub(lambda match: _ENTITIES[match.group(0)], flat)


def escape_meta(text: object) -> str:
    """Text for page metadata (title, tags): Material puts it into HTML as is, so & < > " become
    entities, while apostrophes stay as written so search still matches Kata'ib."""
    flat = re.sub(r"\s+", " ", "" if text is None else str(text)).strip()
    return flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@functools.lru_cache(maxsize=65536)
def relative(from_page: str, to_page: str) -> str:
    """A link from one docs-relative Markdown file to another (MkDocs checks these)."""
    start = posixpath.dirname(from_page) or "."
    target, _, anchor = to_page.partition("#")
    path = _relpath(target, start) if target else ""
    return f"{path}#{anchor}" if anchor else path


def _relpath(target: str, start: str) -> str:
    """posixpath.relpath for two docs-relative paths, without its os.getcwd() calls (it ran
    tens of thousands of times per build and was a tenth of the render stage)."""
    to_parts = [p for p in posixpath.normpath(target).split("/") if p not in ("", ".")]
    from_parts = [p for p in posixpath.normpath(start).split("/") if p not in ("", ".")]
    if ".." in to_parts or ".." in from_parts or target.startswith("/") or start.startswith("/"):
        return posixpath.relpath(target, start)
    common = 0
    for one, other in zip(to_parts, from_parts, strict=False):
        if one != other:
            break
        common += 1
    parts = [".."] * (len(from_parts) - common) + to_parts[common:]
    return "/".join(parts) if parts else "."


def relative_url(from_page: str, to_path: str) -> str:
    """A link from a page's built URL (directory style) to a file in the built site."""
    page_dir = from_page[: -len(".md")]
    if posixpath.basename(page_dir) == "index":
        page_dir = posixpath.dirname(page_dir)
    path = posixpath.relpath(to_path, page_dir or ".")
    return f"{path}/" if to_path.endswith("/") else path


# Characters that would end a Markdown link destination or start attr_list `{: onclick=...}` or a
# table cell: percent-encoded, which means the same to a web server.
_URL_MARKUP = re.compile(r"[()\[\]{}|`\\]")


def safe_url(url: str | None) -> str | None:
    """Only web links leave the site; anything else (javascript:, data:) is dropped."""
    if url and re.match(r"^https?://[^\s<>\"']+$", url.strip()):
        return _URL_MARKUP.sub(lambda match: f"%{ord(match.group(0)):02X}", url.strip())
    return None


def paragraphs(text: str) -> list[str]:
    """Plain text split into paragraphs on blank lines, whitespace collapsed."""
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def human_date(date: str | None) -> str:
    """A partial date as a reader says it, at its own precision: 2019, August 2019, 25 August 2019."""
    if not date:
        return ""
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


# Arabic script (Arabic, Supplement, Extended-A, Presentation Forms A and B); a run also takes
# what sits between two Arabic words (spaces, joiners, digits, punctuation, quotes as entities)
# and the quotes or brackets around it, so that a title like «...»: "..." stays one run.
_ARABIC = "\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF"
_BETWEEN = r"(?:[\s\u200c-\u200f0-9.,:;!?«»\-–—…/]|&#\d+;|&amp;|&quot;)"  # also as entities
_ARABIC_RUN = re.compile(f"(?:[«(]|&#(?:34|39|40);)*[{_ARABIC}]+(?:{_BETWEEN}+[{_ARABIC}]+)*"
                         f"(?:[.!?»)]|&#(?:34|39|41);)*")
_TAG = re.compile(r"(<[^>]*>)")


def mark_arabic(text: str) -> str:
    """Markdown or HTML with every run of Arabic script in a <span lang="ar" dir="rtl">, so that
    screen readers switch voice and the run keeps its direction; tags and attributes untouched."""
    if not text or not re.search(f"[{_ARABIC}]", text):
        return text
    parts = _TAG.split(text)
    return "".join(part if index % 2 else _ARABIC_RUN.sub(
        lambda m: f'<span lang="ar" dir="rtl">{m.group(0)}</span>', part)
        for index, part in enumerate(parts))
