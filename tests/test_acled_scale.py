"""Scale: a site with about 5,000 imported ACLED incidents renders as intended. Tables are tables
(no Markdown table left as '|' text), year navigation stays short, profile pages stay bounded.
No timing assertions: `make bench` measures the build (its ACLED case)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.acled import import_acled
from generator.corpus import write_acled_export
from generator.pipeline import build_site
from generator.render import PROFILE_CAP

ROOT = Path(__file__).resolve().parent.parent
ROWS = 5000
YEARS = 5

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("acled-scale")
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    export = write_acled_export(work / "acled-synthetic.csv", ROWS, years=YEARS)
    report = import_acled(export, content)
    assert len(report.written) == ROWS and not report.problems
    build_site(content, work / "docs", work / "site")
    return work / "site"


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def main(text: str) -> str:
    """The page's article, without the theme's navigation."""
    return text[text.index("<article"):text.index("</article>")]


def test_incidents_pages_have_real_tables(site: Path) -> None:
    pages = ["incidents", *sorted(p.relative_to(site).parent.as_posix()
                                  for p in (site / "incidents" / "by-year").rglob("index.html"))]
    assert len(pages) > ROWS // 50
    for page in pages:
        article = main(html(site, page))
        assert "<table" in article and "|---|" not in article and "| Date |" not in article, page
        assert len(re.findall(r"<tr>", article)) >= 2, page


def test_by_year_navigation_is_short_and_before_the_table(site: Path) -> None:
    article = main(html(site, "incidents"))
    nav = re.search(r"<p><strong>By year:</strong>(.*?)</p>", article, re.S)
    assert nav is not None and article.index(nav.group(0)) < article.index("<table")
    assert 1 <= len(re.findall(r"<a ", nav.group(1))) <= YEARS + 1
    year = main(html(site, "incidents/by-year/2020"))
    parts = re.search(r"<p><strong>2020, page:</strong>(.*?)</p>", year, re.S)
    assert parts is not None and "<strong>1</strong>" in parts.group(1)
    assert len(re.findall(r"<a ", parts.group(1))) >= 10       # ~1,000 incidents, 50 a page


def test_timeline_claims_and_profile_pages_stay_tables(site: Path) -> None:
    timeline = main(html(site, "timeline"))
    events = re.findall(r"<tr[^>]*data-groups", timeline)   # the events, not the chart's numbers
    assert "<table" in timeline and 0 < len(events) <= 60
    claims = main(html(site, "claims"))
    assert "<table" in claims and "|---|" not in claims
    assert "Coded by ACLED (side 1 / side 2)" in claims
    kh = main(html(site, "militias/kataib-hezbollah"))
    assert "<table" in kh and "|---|" not in kh
    incident_rows = kh.count("../../incidents/") + kh.count("../incidents/")
    assert incident_rows <= 4 * PROFILE_CAP + 50     # table, two capped lists, map aside
    assert f"The newest {PROFILE_CAP} are listed" in kh
