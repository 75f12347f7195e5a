"""Typing into the site's own search box in headless Chromium, as a reader does."""

from __future__ import annotations

BOX = "#briefing-search-input"
RESULTS = ".briefing-search__item > a"
SEARCHED = ("q => { const box = document.querySelector('.briefing-search');"
            " return box && box.getAttribute('data-searched') === q; }")


def type_query(page, query: str) -> None:
    """Type a query and wait until both the name index and the full text have answered."""
    page.click(BOX)
    page.fill(BOX, query)
    page.wait_for_function(SEARCHED, arg=query.strip(), timeout=15_000)


def search(page, base: str, query: str, open_page: bool = True) -> list[str]:
    """The result links for a query, best first, relative to the site's base URL."""
    if open_page:
        page.goto(base)
    type_query(page, query)
    links = page.eval_on_selector_all(RESULTS, "items => items.map(a => a.href)")
    return [link.split("#")[0].split("?")[0].removeprefix(base) for link in links]
