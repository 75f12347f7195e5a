"""Hosting: site_url from the settings reaches MkDocs (sitemap, canonical links, a 404 page
that works under a sub-path), and printed pages name their address and the content's date."""

from __future__ import annotations

import re
from pathlib import Path

from generator.pipeline import build_site
from generator.settings import Settings

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_site_url_fills_the_sitemap_and_roots_the_404_page(tmp_path):
    settings = Settings(site_url="https://intranet.example/briefing")
    build_site(FIXTURES / "minimal", tmp_path / "docs", tmp_path / "site", settings=settings)
    site = tmp_path / "site"
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://intranet.example/briefing/militias/alpha-brigades/</loc>" in sitemap
    missing = (site / "404.html").read_text("utf-8")
    assets = re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', missing)
    assert assets and all(a.startswith("/briefing/") for a in assets), assets
    profile = (site / "militias" / "alpha-brigades" / "index.html").read_text("utf-8")
    assert 'rel="canonical" href="https://intranet.example/briefing/militias/alpha-brigades/"' \
        in profile
    assert re.search(r'@bottom-left \{ content: "https://intranet.example/briefing/militias/'
                     r'alpha-brigades/  ·  Content as of \d{4}', profile)


def test_without_site_url_print_footers_give_the_path(minimal_site):
    profile = (minimal_site / "militias" / "alpha-brigades" / "index.html").read_text("utf-8")
    assert '@bottom-left { content: "/militias/alpha-brigades/  ·  Content as of' in profile
