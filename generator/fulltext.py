"""The full-text index: Pagefind over the built site, written into it (site/pagefind/) with the
script, wasm and CSS it needs, so the site serves all of it itself.

Pagefind 1.5 writes its filter files and their list in hash-map order, which changes from run to
run (Pagefind/pagefind#638); `stabilise` rewrites them sorted and renames them by their content,
so the same site gives the same bytes. Each bundle's metadata and wasm file names are then added
to the name index's manifest, so the search box fetches them alongside Pagefind's script rather
than one after another. A bundle over many pages is indexed a share at a time and merged
(generator/pagefind_shards.py), so Pagefind's memory stays the same at any size."""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from generator.errors import BuildError
from generator.pagefind_shards import index_in_shares, read_pagefind, write_pagefind
from generator.search import SHARD_FOLDER

BUNDLE = "pagefind"


def run_pagefind(site: Path) -> None:
    """One Pagefind bundle per entry of the name index's manifest (records, then documents: see
    generator/search.py), or one over the whole site when there is no manifest."""
    manifest_file = site / SHARD_FOLDER / "manifest.json"
    manifest: dict[str, Any] = (json.loads(manifest_file.read_text("utf-8"))
                                if manifest_file.is_file() else {})
    bundles: list[dict[str, Any]] = (manifest.get("fulltext", []) if manifest
                                     else [{"folder": BUNDLE, "glob": "**/*.html"}])
    site_pages = len(pages_of(site, "**/*.html"))
    for bundle in bundles:
        def index(root: Path, folder: str, glob: str = bundle["glob"]) -> None:
            _pagefind(root, glob, folder)
        index_in_shares(site, pages_of(site, bundle["glob"]), bundle["folder"], index,
                        site_pages)
        bundle["files"] = stabilise(site / bundle["folder"])
    if manifest:
        manifest_file.write_bytes(json.dumps(manifest, ensure_ascii=False,
                                             separators=(",", ":")).encode("utf-8"))


def _pagefind(site: Path, glob: str, folder: str) -> None:
    command = [*pagefind_command(), "--site", str(site), "--glob", glob,
               "--output-subdir", folder, "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (site / folder / "pagefind.js").is_file():
        output = (result.stderr + result.stdout).strip()
        raise BuildError(f"pagefind failed; the previous site was left in place:\n{output}")


@functools.cache
def pagefind_command() -> tuple[str, ...]:
    """Pagefind's binary, found once (a Python start for each of many shares adds up), or the
    package's own launcher if its finder has moved."""
    try:
        from pagefind.service import _must_get_executable
        return (str(_must_get_executable().resolve()),)
    except (ImportError, OSError, RuntimeError):
        return (sys.executable, "-m", "pagefind")


def pages_of(site: Path, glob: str) -> list[Path]:
    """The HTML pages a Pagefind glob picks ({a,b}/**/*.html: either folder's), sorted."""
    braces = re.fullmatch(r"\{([^{}]*)\}(.*)", glob)
    globs = [part + braces.group(2) for part in braces.group(1).split(",")] if braces else [glob]
    return sorted({page for one in globs for page in site.glob(one) if page.is_file()})


def stabilise(bundle: Path) -> dict[str, dict[str, str]]:
    """Rewrite the filters sorted, then the metadata; return each language's metadata and wasm
    file names (what Pagefind fetches once it has read pagefind-entry.json)."""
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text("utf-8"))
    files = {}
    for language, about in entry["languages"].items():
        meta_file = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = read_pagefind(meta_file)
        filters = []
        for name, old in meta[3]:
            old_file = bundle / "filter" / f"{old}.pf_filter"
            key, values = read_pagefind(old_file)
            old_file.unlink()
            new = write_pagefind(bundle / "filter", "", language, [key, sorted(values)], 7, ".pf_filter")
            filters.append([name, new])
        meta[3] = sorted(filters)
        meta_file.unlink()
        about["hash"] = write_pagefind(bundle, "pagefind.", language, meta, 10, ".pf_meta")
        files[language] = {"meta": f"pagefind.{about['hash']}.pf_meta",
                           "wasm": f"wasm.{about.get('wasm') or 'unknown'}.pagefind"}
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return files
