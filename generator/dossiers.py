"""Dossiers: each profile's built page printed to PDF by WeasyPrint with the site's own print
stylesheet (`make dossiers`), and the PDFs found again by the next build, which links them."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from generator.records import Catalogue

log = logging.getLogger(__name__)


def existing_dossiers(folder: Path) -> dict[str, bytes]:
    """{docs path: PDF bytes} for every dossier under the folder (none if it is absent)."""
    if not folder.is_dir():
        return {}
    return {f"dossiers/{path.relative_to(folder).as_posix()}": path.read_bytes()
            for path in sorted(folder.rglob("*.pdf")) if path.is_file()}


def local_only() -> Any:
    """WeasyPrint's fetcher for the site's own files only (a dossier never calls another host),
    without Material's screen stylesheets: our print stylesheet lays the dossier out, and
    WeasyPrint then takes one second a profile instead of twenty."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SiteFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if "/assets/stylesheets/" in url or "/assets/javascripts/" in url:
                return URLFetcherResponse(url, body=b"", headers={"Content-Type": "text/css"})
            return super().fetch(url, headers)

    return SiteFetcher(allowed_protocols={"file"})


def write_dossiers(catalogue: Catalogue, site: Path, out: Path) -> list[Path]:
    """One PDF per profile at out/<militias|leaders>/<slug>.pdf, from site/<...>/index.html."""
    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # Material's CSS it does not know
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    written, fetcher = [], local_only()
    started = time.monotonic()
    for profile in catalogue.profiles:
        built = site / profile.page[: -len(".md")] / "index.html"
        if not built.is_file():
            raise FileNotFoundError(f"{built} is missing: build the site first (make site)")
        target = out / (profile.page[: -len(".md")] + ".pdf")
        target.parent.mkdir(parents=True, exist_ok=True)
        document = weasyprint.HTML(filename=str(built), url_fetcher=fetcher, media_type="print")
        document.write_pdf(str(target))
        written.append(target)
    log.info("%d dossiers in %.1fs → %s", len(written), time.monotonic() - started, out)
    return written
