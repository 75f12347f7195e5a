"""ACLED's vocabulary: the `acled:` block of an incident, sub-event types as incident kinds, and
ACLED's precision codes in the briefing's terms.

An imported incident keeps ACLED's record of the event, as imported, in an `acled:` mapping; the
fields outside it are the briefing's (derived from it, and editable by analysts). A re-import
compares the old block with the new row to show what ACLED revised.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.fields import Invalid, closest

# The keys of an incident's `acled:` block, in the order the importer writes them.
ACLED_KEYS = ("event_id", "event_date", "time_precision", "disorder_type", "event_type",
              "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
              "interaction", "civilian_targeting", "country", "admin1", "admin2", "admin3",
              "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
              "notes", "fatalities", "tags", "timestamp")
LIST_KEYS = ("assoc_actor_1", "assoc_actor_2", "source", "tags")   # ACLED separates them with ';'

# ACLED's sub_event_type (lowercase) -> the incident kind. "Air/drone strike" is one ACLED type:
# it becomes drone-strike only where ACLED's notes say drone or UAV (see kind_of).
SUB_EVENT_KINDS = {
    "air/drone strike": "air-strike",
    "shelling/artillery/missile attack": "shelling",
    "remote explosive/landmine/ied": "remote-explosive",
    "grenade": "grenade",
    "suicide bomb": "suicide-bomb",
    "chemical weapon": "attack",
    "armed clash": "armed-clash",
    "government regains territory": "armed-clash",
    "non-state actor overtakes territory": "armed-clash",
    "attack": "attack",
    "abduction/forced disappearance": "abduction",
    "sexual violence": "attack",
    "excessive force against protesters": "crackdown",
    "protest with intervention": "crackdown",
    "peaceful protest": "peaceful-protest",
    "violent demonstration": "violent-demonstration",
    "mob violence": "violent-demonstration",
    "looting/property destruction": "looting",
    "arrests": "arrests",
    "disrupted weapons use": "other",
    "agreement": "other",
    "change to group/activity": "other",
    "headquarters or base established": "other",
    "non-violent transfer of territory": "other",
    "other": "other",
}
EVENT_KINDS = {"battles": "armed-clash", "protests": "peaceful-protest",
               "riots": "violent-demonstration", "violence against civilians": "attack"}
DRONE_WORDS = ("drone", "uav", "unmanned")
TIME_PRECISIONS = {1: "day", 2: "week", 3: "month"}


def kind_of(sub_event_type: str, event_type: str, notes: str = "") -> str:
    kind = (SUB_EVENT_KINDS.get(sub_event_type.strip().lower())
            or EVENT_KINDS.get(event_type.strip().lower(), "other"))
    if kind == "air-strike" and any(word in notes.lower() for word in DRONE_WORDS):
        return "drone-strike"
    return kind


def geo_precision_of(acled_precision: int | None, location: str) -> int:
    """ACLED's geo_precision in the briefing's scale (1 exact site, 2 district or area,
    3 town, city or wider). ACLED never gives an exact site: its 1 is the point of the town named
    (or of the neighbourhood, for 'Baghdad - Dora'), its 2 a place near a town, its 3 a region."""
    if acled_precision == 1 and " - " in location:
        return 2
    return 3


def acled_block(value: Any) -> tuple[tuple[str, Any], ...]:
    """The `acled:` mapping of an incident: ACLED's field names, plain values or lists."""
    if value is None or value == "":
        return ()
    if not isinstance(value, dict):
        raise Invalid("expected ACLED's fields as indented 'key: value' lines")
    pairs = []
    for key, item in value.items():
        if key not in ACLED_KEYS:
            hint = closest(str(key), ACLED_KEYS)
            maybe = f"did you mean {hint!r}? " if hint else ""
            raise Invalid(f"unknown ACLED field {key!r}: {maybe}the import writes "
                          f"{', '.join(ACLED_KEYS)}")
        pairs.append((key, _plain(key, item)))
    return tuple(pairs)


def _plain(key: str, item: Any) -> Any:
    if isinstance(item, (dt.date, dt.datetime)):
        return item.isoformat()[:10]
    if isinstance(item, list):
        if any(isinstance(x, (dict, list)) for x in item):
            raise Invalid(f"{key}: expected a list of plain values, like [a, b]")
        return tuple(str(x) for x in item)
    if isinstance(item, dict):
        raise Invalid(f"{key}: expected a plain value, found a mapping")
    return item
