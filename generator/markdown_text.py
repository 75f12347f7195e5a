"""Safe Markdown building blocks: untrusted text in, inert Markdown out."""

from __future__ import annotations

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


def relative(from_page: str, to_page: str) -> str:
    """A link from one docs-relative Markdown file to another (MkDocs checks these)."""
    start = posixpath.dirname(from_page) or "."
    target, _, anchor = to_page.partition("#")
    path = posixpath.relpath(target, start) if target else ""
    return f"{path}#{anchor}" if anchor else path


def relative_url(from_page: str, to_path: str) -> str:
    """A link from a page's built URL (directory style) to a file in the built site."""
    page_dir = from_page[: -len(".md")]
    if posixpath.basename(page_dir) == "index":
        page_dir = posixpath.dirname(page_dir)
    path = posixpath.relpath(to_path, page_dir or ".")
    return f"{path}/" if to_path.endswith("/") else path


def safe_url(url: str | None) -> str | None:
    """Only web links leave the site; anything else (javascript:, data:) is dropped."""
    if url and re.match(r"^https?://[^\s<>\"']+$", url.strip()):
        return url.strip()
    return None


def paragraphs(text: str) -> list[str]:
    """Plain text split into paragraphs on blank lines, whitespace collapsed."""
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]
