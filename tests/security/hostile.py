"""A content tree with an XSS payload planted in every field kind, and the site built from it.

Every payload, if it ever ran, would set ``window.__xss`` or open a dialog (``alert``).  Each
planted value also carries a marker word (``zqxfield<N>``) so a test can search for it.
"""

from __future__ import annotations

import json
from pathlib import Path

# The classic cheat-sheet forms.  "X" is replaced by the code that records a hit.
FORMS = [
    "<script>X</script>",
    "<img src=x onerror=X>",
    '<img src="x" onerror="X">',
    "<svg onload=X>",
    "<svg><script>X</script></svg>",
    "javascript:X",
    '"><script>X</script>',
    "'><img src=x onerror=X>",
    "</script><script>X</script>",
    "</textarea></title><script>X</script>",
    "[click](javascript:X)",
    "[click](JaVaScRiPt:X)",
    "<a href=\"javascript:X\">click</a>",
    "<a href=\"&#106;avascript:X\">click</a>",
    "{: onclick=\"X\" }",
    "text{: onmouseover=X }",
    "${X}",
    "`${X}`",
    "``<script>X</script>``",
    "<iframe src=\"javascript:X\"></iframe>",
    "<iframe srcdoc=\"<script>parent.X</script>\"></iframe>",
    "<details open ontoggle=X>",
    "<body onload=X>",
    "<input autofocus onfocus=X>",
    "<math><mtext><table><mglyph><style><img src=x onerror=X>",
    "<object data=\"data:text/html,<script>X</script>\"></object>",
    "<embed src=\"javascript:X\">",
    "<style>@import 'javascript:X';</style>",
    "{{ X }} {% raw %}",
    "-->< !--<script>X</script>",
    "<![CDATA[<script>X</script>]]>",
    # an attribute's '=' on the next line: HTML allows it, a line-by-line check cannot see it
    "<details open ontoggle\n=\"X\">x</details>",
    "<div onmouseover\n=X>x</div>",
    "<img src=x onerror\n=X>",
    "<img src=\"https://tracker.invalid/pixel.gif\">",
    "<svg><a xlink:href=\"javascript:X\"><text>x</text></a></svg>",
    "<math><maction actiontype=\"statusline\" xlink:href=\"javascript:X\">x</maction></math>",
    "[click][r]\n\n[r]: javascript:X",
    "<a href=\"jav&#x09;ascript:X\">tab</a>",
    "<a href=\"&#x6A;&#x61;&#x76;&#x61;script&#58;X\">entities</a>",
]
CODE = "window.__xss=1"
PAYLOADS = [form.replace("X", CODE) for form in FORMS] + ["<script>alert(1)</script>",
                                                          "<img src=x onerror=alert(1)>"]
MARKER = "zqxfield"
# An alias that documents mention, so the linker wraps hostile text in a link.
LINKED_ALIAS = "Kataib <b onmouseover=window.__xss=1>Alfa</b>"


class Planter:
    """Hands out one payload per planted value, each with a unique marker word."""

    def __init__(self) -> None:
        self.count = 0
        self.planted: list[str] = []

    def __call__(self) -> str:
        payload = PAYLOADS[self.count % len(PAYLOADS)]
        value = f"{payload} {MARKER}{self.count}"
        self.count += 1
        self.planted.append(value)
        return value


def _q(value: str) -> str:
    """A YAML scalar for any text (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _front(meta: str, body: str = "") -> str:
    return f"---\n{meta.strip()}\n---\n{body}"


def _militia(p: Planter) -> str:
    return _front(f"""
name: {_q(p())}
arabic: {_q(p())}
aliases: [{_q(p())}, {_q(p())}, {_q(LINKED_ALIAS)}]
kind: militia
founded: "2007"
parent: beta-front
strength:
  - low: 100
    high: 200
    by: {_q(p())}
    sources: [gazette-2020-01-02-alpha]
ideology:
  - text: {_q(p())}
    sources: [gazette-2020-01-02-alpha]
political_wing:
  - name: {_q(p())}
    sources: [gazette-2020-01-02-alpha]
funding:
  - text: {_q(p())}
    sources: [gazette-2020-01-02-alpha]
relations:
  - to: beta-front
    kind: ally
    by: {_q(p())}
    note: {_q(p())}
    sources: [gazette-2020-01-02-alpha]
designations:
  - by: {_q(p())}
    type: {_q(p())}
    date: 2009-07-02
    sources: [herald-2020-02-03-beta]
status: active
summary: {_q(p() + " [@gazette-2020-01-02-alpha]")}
sources: [gazette-2020-01-02-alpha]
tags: [{_q(p())}]
""", SAFE_PROSE)


def _umbrella(p: Planter) -> str:
    return _front(f"""
name: {_q(p())}
kind: umbrella
summary: {_q(p())}
sources: [herald-2020-02-03-beta]
""")


def _leader(p: Planter) -> str:
    return _front(f"""
name: {_q(p())}
arabic: {_q(p())}
aliases: [{_q(p())}]
short_names: [{_q(p())}]
look_alikes: [{_q(p())}]
born: "1970"
birthplace:
  value: {_q(p())}
  sources: [gazette-2020-01-02-alpha]
roles:
  - organization: alpha-brigades
    title: {_q(p())}
    since: "2007"
    sources: [gazette-2020-01-02-alpha]
designations:
  - by: {_q(p())}
    type: {_q(p())}
    sources: [gazette-2020-01-02-alpha]
summary: {_q(p())}
sources: [gazette-2020-01-02-alpha]
""", SAFE_PROSE)


def _document(p: Planter, published: str, url: str) -> str:
    body = "\n\n".join(p() for _ in range(len(PAYLOADS)))
    return _front(f"""
title: {_q(p())}
outlet: {_q(p())}
published: {published}
author: {_q(p())}
url: {_q(url)}
via:
  outlet: {_q(p())}
  url: {_q(url)}
archive_url: {_q(url)}
language: {_q(p())}
kind: news
""", body + f"\n\nA mention of {LINKED_ALIAS} to be linked.\n")


def _incident(p: Planter) -> str:
    return f"""
title: {_q(p())}
date: 2020-01-05
kind: shooting
place: test-square
target: {_q(p())}
killed: 2
attribution:
  - actor: alpha-brigades
    status: denied
    by: {_q(p())}
    sources: [herald-2020-02-03-beta]
  - actor_name: {_q(p())}
    status: suspected
    by: {_q(p())}
    sources: [gazette-2020-01-02-alpha]
summary: {_q(p() + " [@gazette-2020-01-02-alpha]")}
sources: [gazette-2020-01-02-alpha]
""".lstrip()


def _places(p: Planter) -> str:
    return f"""
- slug: test-square
  name: {_q(p())}
  arabic: {_q(p())}
  district: {_q(p())}
  latitude: 33.3285
  longitude: 44.4140
  kind: square
""".lstrip()


# Profile prose is contributor Markdown, checked by `make check`: only what passes may remain.
SAFE_PROSE = ("Prose with `${window.__xss=1}` in code, ${window.__xss=1} in text, a literal "
              "&lt;script&gt;window.__xss=1&lt;/script&gt; and {{ 7*7 }} [@herald-2020-02-03-beta].\n")


def write_hostile_tree(root: Path) -> Planter:
    """The minimal tree's shape, with a payload in every free-text field; returns the planter."""
    p = Planter()
    files = {
        "militias/alpha-brigades.md": _militia(p),
        "militias/beta-front.md": _umbrella(p),
        "leaders/omar-test.md": _leader(p),
        "documents/gazette-2020-01-02-alpha.md": _document(
            p, "2020-01-02", "https://example.org/b](javascript:window.__xss=1)"),
        "documents/herald-2020-02-03-beta.md": _document(
            p, "2020-02-03", "https://example.org/a){:onclick=window.__xss=1}"),
        "incidents/2020-01-05-test-square-shooting.yml": _incident(p),
        "places.yml": _places(p),
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return p
