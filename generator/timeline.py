"""Every dated event of the catalogue, in one chronological list (for /timeline/ and profiles)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.records import Catalogue, Leader, Militia


@dataclass(frozen=True)
class Event:
    date: str                   # partial date, YYYY[-MM[-DD]]
    kind: str                   # incident | designation | leadership | founded | document
    text: str                   # plain text, escaped when rendered
    target: object              # the record the event links to
    groups: tuple[str, ...]     # profile slugs the event concerns, for filtering
    sources: tuple[str, ...] = ()


def timeline(catalogue: Catalogue) -> list[Event]:
    """Events sorted by date (oldest first), then kind and text, so the order never varies."""
    events = [*_incident_events(catalogue), *_profile_events(catalogue),
              *_document_events(catalogue)]
    return sorted(events, key=lambda e: (e.date, e.kind, e.text))


def _incident_events(catalogue: Catalogue) -> list[Event]:
    return [Event(i.date, "incident", i.title, i,
                  tuple(sorted({a.actor for a in i.attribution if a.actor})), i.sources)
            for i in catalogue.incidents.values()]


def _document_events(catalogue: Catalogue) -> list[Event]:
    return [Event(d.published, "document", f"{d.outlet}: {d.title}", d, ()) for d in
            catalogue.documents.values()]


def _profile_events(catalogue: Catalogue) -> list[Event]:
    events: list[Event] = []
    for profile in catalogue.profiles:
        for d in profile.designations:
            if d.date:
                events.append(Event(d.date, "designation", f"{d.by} designates {profile.name}: "
                                    f"{d.type}", profile, (profile.slug,), d.sources))
        if isinstance(profile, Militia):
            events.extend(_militia_events(profile, catalogue))
        if isinstance(profile, Leader) and profile.died:
            events.append(Event(profile.died.date, "leadership", f"{profile.name} dies", profile,
                                (profile.slug,), profile.died.sources or profile.sources))
    return events


def _militia_events(militia: Militia, catalogue: Catalogue) -> list[Event]:
    events = []
    if militia.founded:
        events.append(Event(militia.founded.date, "founded", f"{militia.name} is founded",
                            militia, (militia.slug,), militia.founded.sources or militia.sources))
    for held in catalogue.leadership(militia.slug):
        role = held.role.title or "leader"
        for date, verb in ((held.role.since, "becomes"), (held.role.until, "ceases to be")):
            if date:
                events.append(Event(date, "leadership",
                                    f"{held.person.name} {verb} {role} of {militia.name}",
                                    militia, (militia.slug, held.person.slug), held.role.sources))
    return events


def incidents_by_month(catalogue: Catalogue, groups: int = 10) -> dict[str, dict[str, int]]:
    """{YYYY-MM: {group label: incidents}}: each incident counted once per attributed group,
    the `groups` most active named, the rest together as "Other groups"."""
    months: dict[str, list[str]] = {}
    for incident in catalogue.incidents.values():
        actors = {a.actor for a in incident.attribution if a.actor and a.status != "denied"
                  and not (a.status == "coded" and a.side == 2)}   # side 2: usually who was hit
        labels = sorted(catalogue.name_of(g) for g in actors if g) or ["Unattributed"]
        months.setdefault(incident.date[:7], []).extend(labels)
    totals = Counter(label for labels in months.values() for label in labels)
    named = {label for label, _ in sorted(totals.items(), key=lambda t: (-t[1], t[0]))[:groups]}
    named.add("Unattributed")
    return {month: dict(sorted(Counter(label if label in named else "Other groups"
                                       for label in labels).items()))
            for month, labels in sorted(months.items())}
