"""The building blocks: escape() makes any text inert Markdown, safe_url() only lets web links out."""

from __future__ import annotations

import html
import re

import markdown
import pytest
from hostile import PAYLOADS

from generator.markdown_text import escape, safe_url

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc"]  # as mkdocs.yml


def rendered(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_text_renders_as_exactly_itself(payload):
    output = rendered(escape(payload))
    assert re.findall(r"<[^>]*>", output) == ["<p>", "</p>"]
    assert html.unescape(output.removeprefix("<p>").removesuffix("</p>")) == re.sub(r"\s+", " ", payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_text_stays_text_in_a_table_cell_and_a_link(payload):
    output = rendered(f"| a | b |\n|---|---|\n| {escape(payload)} | [{escape(payload)}](x.md) |")
    tags = re.findall(r"<(\w+)", output)
    assert set(tags) <= {"table", "thead", "tbody", "tr", "th", "td", "a"}
    assert tags.count("td") == 2 and tags.count("a") == 1
    assert ' on' not in re.sub(r">[^<]*<", "><", output)  # no attribute beyond href


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", " JaVaScRiPt:alert(1)", "vbscript:x", "data:text/html,<b>x</b>",
    "//evil.example/x", "ftp://example.org/x", "https://example.org/\"onmouseover=x",
    "https://example.org/<script>", "https://exa mple.org/", "", None,
])
def test_safe_url_drops_anything_but_a_web_link(url):
    assert safe_url(url) is None


@pytest.mark.parametrize("url", [
    "https://example.org/a){:onclick=alert(1)}", "https://example.org/a|b", "https://x.org/[1]",
    "https://x.org/`x`", "https://x.org/a\\b", "https://en.wikipedia.org/wiki/Badr_(organization)",
])
def test_a_web_link_cannot_close_its_markdown_link_or_add_attributes(url):
    target = safe_url(url)
    assert target is not None and not re.search(r"[()\[\]{}|`\\]", target)
    output = rendered(f"[link]({target})")
    assert re.findall(r"<a [^>]*>", output) == [f'<a href="{html.escape(target, quote=True)}">']


def test_ordinary_web_links_are_kept_as_written():
    assert safe_url(" https://www.reuters.com/world/x-2020-01-27/?a=1&b=2#top ") == \
        "https://www.reuters.com/world/x-2020-01-27/?a=1&b=2#top"
