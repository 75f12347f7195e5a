"""`make check` rejects profile prose that would run code in a reader's browser, line by line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.pipeline import load_catalogue
from generator.sanitize import render_prose, unsafe_markup

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "minimal"

UNSAFE = [
    "<script>alert(1)</script>",
    "Text then <SCRIPT src=//evil.example/x.js></SCRIPT>",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    "<style>body { display: none }</style>",
    "<img src=x onerror=alert(1)>",
    '<svg onload="alert(1)">',
    '<a href="#" ONMOUSEOVER = "alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="&#x6A;avascript&#58;alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    '<a href="DATA:text/html,<b>x</b>">x</a>',
]
SAFE = [
    "Kataib Hezbollah was founded in 2007 [@gazette-2020-01-02-alpha].",
    "See [the report](https://example.org/report?id=1&on=2).",
    "Based on reporting, the group = a front for another.",
    "He wrote &lt;script&gt; as a joke; it is shown as text.",
    "**Bold**, _emphasis_, `code`, > quotes and | tables | are fine.",
    "A data set, described in text/html and JSON.",
]


@pytest.mark.parametrize("line", UNSAFE)
def test_unsafe_markup_is_found(line):
    assert unsafe_markup(line) is not None


@pytest.mark.parametrize("line", UNSAFE + [
    "< script>alert(1)</script>",                # not a tag in HTML: text, then a stray end tag
    'A paragraph.{: onclick="alert(1)" }',        # attr_list is off for prose: shown as text
    '<details open ontoggle\n="alert(1)">x</details>',
    '<div onmouseover\n=alert(1)>x</div>',
    '<img src=x onerror\n=alert(1)>',
    '<img src="https://tracker.example/p.gif">',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
    '[x][ref]\n\n[ref]: javascript:alert(1)',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
])
def test_what_is_rendered_carries_no_script_handler_or_outside_request(line):
    html = render_prose(line).lower()
    for banned in ("<script", "<svg", "<math", "<details", "<iframe", "<style", "javascript:",
                   "vbscript:", "data:", "tracker.example", "xlink"):
        assert banned not in html
    assert re.search(r"<[^>]*\son\w+\s*=", html) is None


@pytest.mark.parametrize("line", SAFE)
def test_ordinary_prose_is_fine(line):
    assert unsafe_markup(line) is None


def with_body(tmp_path: Path, relative: str, body: str) -> Path:
    """A copy of the minimal tree whose profile at relative has body as its prose."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES, content)
    path = content / relative
    front, _, _ = path.read_text(encoding="utf-8").partition("\n---\n")
    path.write_text(f"{front}\n---\n{body}", encoding="utf-8")
    return content


def problems_of(content: Path) -> list[str]:
    with pytest.raises(ContentError) as error:
        load_catalogue(content)
    return [str(problem) for problem in error.value.problems]


def test_make_check_reports_unsafe_militia_prose_at_its_exact_line(tmp_path):
    content = with_body(tmp_path, "militias/beta-front.md",
                        "Fine first line.\n\nSecond paragraph <img src=x onerror=alert(1)>.\n")
    [problem] = problems_of(content)  # the front matter takes lines 1-6, the prose starts on 7
    assert "militias/beta-front.md:9: an event handler (onerror=) is not allowed" in problem


def test_make_check_reports_every_unsafe_line_of_a_leader(tmp_path):
    body = "Fine.\n<script>alert(1)</script>\nAlso fine.\n[x](javascript:alert(1))\n"
    content = with_body(tmp_path, "leaders/omar-test.md", body)
    found = problems_of(content)  # the front matter takes lines 1-14, the prose starts on 15
    assert len(found) == 2
    assert "leaders/omar-test.md:16: a raw <script> tag" in found[0]
    assert "leaders/omar-test.md:18: a javascript: URL" in found[1]


def test_a_script_url_split_over_two_lines_is_still_found(tmp_path):
    content = with_body(tmp_path, "militias/beta-front.md", '<a href="java\nscript:alert(1)">x</a>\n')
    [problem] = problems_of(content)
    assert "militias/beta-front.md:7: a javascript: URL" in problem  # where the tag starts


def test_an_attribute_split_over_two_lines_is_reported_at_its_tag(tmp_path):
    content = with_body(tmp_path, "militias/beta-front.md",
                        "Fine.\n\n<details open ontoggle\n=\"alert(1)\">x</details>\n")
    [problem] = problems_of(content)
    assert "militias/beta-front.md:9: a raw <details> tag with an event handler (ontoggle=)" in problem


def test_an_image_from_another_site_is_reported(tmp_path):
    content = with_body(tmp_path, "militias/beta-front.md", '<img src="https://evil.example/p.gif">\n')
    [problem] = problems_of(content)
    assert "militias/beta-front.md:7: an image from another site" in problem


def test_clean_prose_passes(tmp_path):
    content = with_body(tmp_path, "militias/beta-front.md", "\n\n".join(SAFE) + "\n")
    assert "beta-front" in load_catalogue(content).militias
