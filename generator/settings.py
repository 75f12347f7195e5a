"""One Settings object: mkdocs.yml (read with MkDocs' own loader, so `!ENV` works), then
BRIEFING_* environment variables, then command-line flags. Built once in the CLI and passed down;
no stage reads the environment or the config file itself."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from mkdocs.utils.yaml import yaml_load

from generator.errors import BriefingError

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
PREFIX = "BRIEFING_"


@dataclass(frozen=True)
class Settings:
    """What the stages need to know about where the site and its content live."""

    edit_base: str | None = None     # e.g. https://github.com/org/repo/edit/main (content/ follows)
    tiles_url: str | None = None     # optional online tiles under the offline basemap
    site_url: str | None = None      # where the site is published (sitemap, feed, print footers)
    site_name: str = "Iraq militias briefing"   # mkdocs.yml site_name: the feed's title
    data_licence: str = "see the site's terms"   # extra.data_licence: the downloads' licence
    dossiers: str | None = None      # folder of the profiles' PDF dossiers (`make dossiers`), linked
    content_prefix: str = "content"  # the content folder's path in the repository, for edit links
    as_of: str = ""                  # the build's date (SOURCE_DATE_EPOCH), else the content's

    # mkdocs.yml keys (under `extra:` unless at the top level) and BRIEFING_* names, per field
    SOURCES = {"edit_base": ("extra.edit_content_base", "EDIT_BASE"),
               "tiles_url": ("extra.map_tiles_url", "MAP_TILES_URL"),
               "site_url": ("site_url", "SITE_URL"),
               "dossiers": ("extra.dossiers", "DOSSIERS")}


def read_settings(config: Path = CONFIG, environ: Mapping[str, str] | None = None,
                  **flags: Any) -> Settings:
    environ = os.environ if environ is None else environ
    data = _load(config)
    values: dict[str, Any] = {}
    for name, (key, variable) in Settings.SOURCES.items():
        found = _lookup(data, key)
        found = environ.get(PREFIX + variable, found)
        values[name] = str(found).strip() if found not in (None, "") else None
    values["site_name"] = str(data.get("site_name") or Settings.site_name)
    values["data_licence"] = str(_lookup(data, "extra.data_licence") or Settings.data_licence)
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    values["as_of"] = time.strftime("%Y-%m-%d", time.gmtime(int(epoch))) if epoch.isdigit() else ""
    values.update({k: v for k, v in flags.items() if v is not None and k in _names()})
    if values.get("edit_base") is None:
        values["edit_base"] = edit_base_from_git()
    for name in ("edit_base", "tiles_url", "site_url"):
        value = values.get(name) or ""
        relative = name == "tiles_url" and not re.match(r"^[a-zA-Z][\w+.-]*:", value)
        if value and not relative and not re.match(r"^https?://[^\s\"'<>]+$", value):
            key, variable = Settings.SOURCES[name]
            raise BriefingError(f"{key} in mkdocs.yml (or {PREFIX}{variable}) is {value!r}: "
                                f"write a full address starting with https:// (tiles may "
                                f"also be a path on the site)")
    return Settings(**values)


def with_flags(settings: Settings, **flags: Any) -> Settings:
    return replace(settings, **{k: v for k, v in flags.items() if v is not None})


def _names() -> set[str]:
    return {item.name for item in fields(Settings)}


def _load(config: Path) -> dict[str, Any]:
    with open(config, encoding="utf-8") as handle:
        return yaml_load(handle) or {}


def _lookup(data: dict[str, Any], dotted: str) -> Any:
    found: Any = data
    for part in dotted.split("."):
        found = found.get(part) if isinstance(found, dict) else None
    return found


@functools.lru_cache(maxsize=1)
def edit_base_from_git() -> str | None:
    """The edit address of this clone's origin on GitHub or GitLab, if it has one."""
    try:
        remote = subprocess.run(["git", "-C", str(ROOT), "remote", "get-url", "origin"],
                                capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return None
    match = re.match(r"^(?:https://|git@)(github\.com|gitlab\.com)[/:](.+?)(?:\.git)?$", remote)
    if not match:
        return None
    host, repository = match.groups()
    middle = "edit/main" if host == "github.com" else "-/edit/main"
    return f"https://{host}/{repository}/{middle}"
