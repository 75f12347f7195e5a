"""Which profiles and incidents cite each document, and where: a document page's "Cited by"."""

from __future__ import annotations

import re
from typing import Any

from generator.citations import CITATION
from generator.records import Catalogue, Incident, Profile
from generator.references import sourced_entries

CitedBy = dict[str, list[tuple[Any, str]]]


def cited_by(catalogue: Catalogue) -> CitedBy:
    """{document slug: [(profile or incident, where it is cited)]}, each place once, in order."""
    found: CitedBy = {}
    seen: set[tuple[str, int, str]] = set()

    def add(slugs: Any, record: Any, where: str) -> None:
        for slug in slugs:
            if (slug, id(record), where) not in seen:   # records are told apart by identity
                seen.add((slug, id(record), where))
                found.setdefault(slug, []).append((record, where))

    for profile in catalogue.profiles:
        _profile(profile, add)
    for incident in catalogue.incidents.values():
        _incident(incident, add)
    return found


def _profile(profile: Profile, add: Any) -> None:
    add(profile.sources, profile, "sources of the profile")
    for name, entries in sourced_entries(profile):
        for entry in entries:
            label = name.replace("_", " ")
            first = next((str(value) for key, value in vars(entry).items()
                          if key not in ("line", "sources") and value), "")
            add(entry.sources, profile, f"{label}: {first}" if first else label)
    add(CITATION.findall(profile.summary or ""), profile, "summary")
    for number, paragraph in enumerate(re.split(r"\n\s*\n", profile.body.strip()), start=1):
        add(CITATION.findall(paragraph), profile, f"overview, paragraph {number}")


def _incident(incident: Incident, add: Any) -> None:
    add(incident.sources, incident, "sources of the incident")
    for entry in incident.attribution:
        add(entry.sources, incident, f"claims ledger: {entry.status} "
                                     f"({entry.actor or entry.actor_name})")
    for report in incident.reports:
        add(report.sources, incident, f"reported {report.about}: {report.count}")
    add(incident.launch_sources, incident, "launch site")
    add(CITATION.findall(incident.summary or ""), incident, "summary")
