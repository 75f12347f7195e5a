"""`make dossiers`: one PDF per profile from the built site, linked from each profile page."""

from __future__ import annotations

import io
import subprocess
import time
from pathlib import Path

import pytest

from generator.pipeline import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


@pytest.mark.slow
def test_make_dossiers_writes_one_pdf_per_profile_and_the_pages_link_them(tmp_path):
    from pypdf import PdfReader

    started = time.monotonic()
    result = subprocess.run(
        ["make", "-s", "dossiers", f"CONTENT={MINIMAL}", f"DOCS_DIR={tmp_path / 'docs'}",
         f"SITE_DIR={tmp_path / 'site'}", f"DOSSIERS={tmp_path / 'dossiers'}"],
        cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    catalogue = load_catalogue(MINIMAL)
    for profile in catalogue.profiles:
        pdf = tmp_path / "dossiers" / (profile.page[: -len(".md")] + ".pdf")
        reader = PdfReader(io.BytesIO(pdf.read_bytes()))
        text = " ".join(page.extract_text() for page in reader.pages)
        assert profile.name in text and "Content as of" in text
        assert "Skip to content" not in text and "Relations as of" not in text
        page = (tmp_path / "site" / profile.page[: -len(".md")] / "index.html").read_text("utf-8")
        assert f'{profile.page[: -len(".md")].split("/")[-1]}.pdf" download>' in page
        assert (tmp_path / "site" / "dossiers" / (profile.page[: -len(".md")] + ".pdf")).is_file()
    print(f"make dossiers (minimal content): {time.monotonic() - started:.1f}s")
