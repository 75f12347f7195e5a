"""The whole briefing as FollowTheMoney entities (data/briefing.ftm.json, one entity a line).

Built with the `followthemoney` model itself, so every property is one the schema declares and
every value is cleaned by its type (dates, URLs, languages). Ids are stable across builds: a
profile, document, incident or place is `briefing-<kind>-<slug>`; an entry without a slug of
its own (a role, a designation, a relation, an attribution, a mention) is `briefing-<kind>-` and
the SHA-1 of the slugs and fields that identify it, so editing its dates keeps its id.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.util import make_entity_id

from generator.citations import CITATION
from generator.mentions import LinkedDocument, Links
from generator.open_data import is_leadership
from generator.records import Catalogue, Document, Incident, Leader, Militia, Place, Role

log = logging.getLogger(__name__)
PREFIX = "briefing"
MAX_ID = 200  # followthemoney's limit on an entity id
COUNTRY = "iq"


def record_id(kind: str, slug: str) -> str:
    """The id of a record that has a slug: readable, and the same in every build."""
    readable = f"{PREFIX}-{kind}-{slug}"
    return readable if len(readable) <= MAX_ID else derived_id(kind, slug)


def derived_id(kind: str, *parts: object) -> str:
    """The id of an entry without a slug: a namespaced hash of what identifies it."""
    return f"{PREFIX}-{kind}-{make_entity_id(PREFIX, kind, *parts)}"


def plain(text: str | None) -> str | None:
    """A summary without its [@slug] citation marks."""
    if not text:
        return None
    return re.sub(r"\s+([.,;:!?])", r"\1", " ".join(CITATION.sub("", text).split()))


@dataclass
class Export:
    """The entities as lines, in the order they are made, written once the record they come
    from is done (only the lines are kept: the entities of a whole briefing take several times
    the memory); a guard against duplicate ids, and how many there are of each schema."""

    catalogue: Catalogue
    lines: list[bytes] = field(default_factory=list)
    schemata: dict[str, int] = field(default_factory=dict)
    _ids: set[str] = field(default_factory=set)
    _open: list[EntityProxy] = field(default_factory=list)

    def make(self, schema: str, entity_id: str) -> EntityProxy:
        unique, number = entity_id, 1
        while unique in self._ids:  # two identical entries (same role twice): keep both
            number += 1
            unique = derived_id(schema.lower(), entity_id, number)
        self._ids.add(unique)
        entity = model.make_entity(schema)
        entity.id = unique
        self._open.append(entity)
        return entity

    def close(self) -> None:
        """Write the entities made since the last close: the record they come from is done."""
        for entity in self._open:
            self.lines.append(entity_line(entity).encode("utf-8"))
            self.schemata[entity.schema.name] = self.schemata.get(entity.schema.name, 0) + 1
        self._open.clear()

    def cite(self, entity: EntityProxy, sources: Iterable[str]) -> None:
        """The documents behind an entity: proof (their entities), sourceUrl and publisher."""
        for slug in sources:
            document = self.catalogue.documents.get(slug)
            if document is None:
                continue
            entity.add("proof", record_id("document", slug))
            entity.add("publisher", document.outlet)
            if document.source_url:
                entity.add("sourceUrl", document.source_url)


def profile_id(catalogue: Catalogue, slug: str) -> str:
    return record_id("leader" if slug in catalogue.leaders else "militia", slug)


def briefing_entities(catalogue: Catalogue, links: Links) -> Export:
    """Every entity of the briefing as a line, profiles first, in the catalogue's (sorted)
    order."""
    export = Export(catalogue)
    steps: list[tuple[Iterable[Any], Callable[[Export, Any], object]]] = [
        (catalogue.militias.values(), _organization),
        (catalogue.leaders.values(), _person),
        (catalogue.profiles, _designations),
        (catalogue.leaders.values(), _roles),
        (catalogue.militias.values(), _ties),
        (catalogue.places.values(), _address),
        (catalogue.incidents.values(), _event),
        (catalogue.documents.values(), _article),
        (links.documents.items(), _mentions)]
    for records, make in steps:
        for record in records:
            make(export, record)
            export.close()
    log.info("built %d FollowTheMoney entities", len(export.lines))
    return export


def _names(entity: EntityProxy, profile: Militia | Leader) -> None:
    entity.add("name", profile.name)
    entity.add("name", profile.arabic)
    entity.add("alias", list(profile.aliases))
    entity.add("summary", plain(profile.summary))
    entity.add("keywords", list(profile.tags))


def _organization(export: Export, militia: Militia) -> None:
    entity = export.make("Organization", record_id("militia", militia.slug))
    _names(entity, militia)
    entity.add("classification", militia.kind)
    if militia.founded:
        entity.add("incorporationDate", militia.founded.date)
        export.cite(entity, militia.founded.sources)
    if militia.current_status:
        entity.add("status", militia.current_status.value)
        export.cite(entity, militia.current_status.sources)
    export.cite(entity, militia.sources)


def _person(export: Export, leader: Leader) -> None:
    entity = export.make("Person", record_id("leader", leader.slug))
    _names(entity, leader)
    entity.add("weakAlias", list(leader.short_names))
    for fact, prop in ((leader.born, "birthDate"), (leader.died, "deathDate")):
        if fact:
            entity.add(prop, fact.date)
            export.cite(entity, fact.sources)
    if leader.birthplace:
        entity.add("birthPlace", leader.birthplace.value)
        export.cite(entity, leader.birthplace.sources)
    export.cite(entity, leader.sources)


def _designations(export: Export, profile: Militia | Leader) -> None:
    owner = record_id(profile.kind_label, profile.slug)
    for designation in profile.designations:
        entity = export.make("Sanction", derived_id(
            "designation", owner, designation.by, designation.type, designation.date))
        entity.add("entity", owner)
        entity.add("authority", designation.by)
        entity.add("program", designation.program or designation.type)
        entity.add("provisions", designation.type)
        entity.add("startDate", designation.date)
        entity.add("listingDate", designation.date)
        entity.add("endDate", designation.until)
        entity.add("status", "lifted" if designation.until else "in force")
        export.cite(entity, designation.sources)


def _roles(export: Export, leader: Leader) -> None:
    for role in leader.roles:
        _role(export, leader, role)


def _role(export: Export, leader: Leader, role: Role) -> None:
    person, group = record_id("leader", leader.slug), profile_id(export.catalogue,
                                                                 role.organization or "")
    leads = is_leadership(role.title)
    entity = export.make("Directorship" if leads else "Membership",
                         derived_id("role", leader.slug, role.organization, role.title, role.since))
    entity.add("director" if leads else "member", person)
    entity.add("organization", group)
    entity.add("role", role.title)
    entity.add("startDate", role.since)
    entity.add("endDate", role.until or leader.died_on)  # death ends every role, as on the pages
    export.cite(entity, role.sources)


def _link(export: Export, subject: str, obj: str, role: str, key: tuple[object, ...],
          sources: Iterable[str] = ()) -> EntityProxy:
    entity = export.make("UnknownLink", derived_id("link", subject, obj, role, *key))
    entity.add("subject", subject)
    entity.add("object", obj)
    entity.add("role", role)
    export.cite(entity, sources)
    return entity


def _ties(export: Export, militia: Militia) -> None:
    """Relations, the umbrella it belongs to and its patrons, as links between organisations."""
    own = record_id("militia", militia.slug)
    for relation in militia.relations:
        entity = _link(export, own, profile_id(export.catalogue, relation.to or ""),
                       relation.kind or "", (relation.since,), relation.sources)
        entity.add("startDate", relation.since)
        entity.add("endDate", relation.until)
        entity.add("description", relation.note)
        entity.add("summary", f"according to {relation.by}" if relation.by else None)
    if militia.parent:
        _link(export, own, record_id("militia", militia.parent), "part-of", ("parent",),
              militia.sources)
    for patron in militia.patrons:
        _link(export, record_id("militia", patron), own, "patron", ("patron",), militia.sources)


def _address(export: Export, place: Place, entity_id: str | None = None) -> EntityProxy:
    entity = export.make("Address", entity_id or record_id("place", place.slug or ""))
    entity.add("name", place.name)
    entity.add("alias", place.arabic)
    entity.add("full", ", ".join(p for p in (place.name, place.district, place.governorate,
                                              "Iraq") if p))
    entity.add("region", place.governorate)
    entity.add("latitude", place.latitude)
    entity.add("longitude", place.longitude)
    entity.add("country", COUNTRY)
    entity.add("remarks", place.coordinates_source)
    return entity


def _event(export: Export, incident: Incident) -> None:
    catalogue = export.catalogue
    own = record_id("incident", incident.slug)
    address = None
    if incident.place:
        address = record_id("place", incident.place)
    elif incident.latitude is not None and incident.longitude is not None:
        point = Place(slug=incident.slug, path=incident.path, line=0, name=incident.title,
                      latitude=incident.latitude, longitude=incident.longitude)
        address = _address(export, point, record_id("incident-point", incident.slug)).id
    entity = export.make("Event", own)
    entity.add("name", incident.title)
    entity.add("date", incident.date)
    entity.add("startDate", incident.date)
    entity.add("summary", plain(incident.summary))
    entity.add("keywords", incident.kind)
    entity.add("country", COUNTRY)
    entity.add("addressEntity", address)
    if incident.place:
        entity.add("location", catalogue.places[incident.place].name)
    entity.add("description", _casualties(incident))
    export.cite(entity, incident.sources)
    for attribution in incident.attribution:
        if not attribution.actor:
            entity.add("namesMentioned", attribution.actor_name)
            continue
        actor = profile_id(catalogue, attribution.actor)
        if attribution.status != "denied":
            entity.add("involved", actor)
        link = _link(export, actor, own, attribution.status or "",
                     ("attribution", attribution.by), attribution.sources)
        link.add("description", f"{attribution.status} by {attribution.by}"
                 if attribution.by else attribution.status)


def _casualties(incident: Incident) -> str | None:
    parts = [f"{label}: {value}" for label, value in (("killed", incident.killed),
             ("wounded", incident.wounded), ("target", incident.target)) if value]
    return "; ".join(parts) or None


def _article(export: Export, document: Document) -> None:
    entity = export.make("Article", record_id("document", document.slug))
    entity.add("title", document.title)
    entity.add("name", document.title)
    entity.add("publisher", document.outlet)
    entity.add("publishedAt", document.published)
    entity.add("author", document.author)
    entity.add("sourceUrl", document.source_url)
    if document.via:
        entity.add("sourceUrl", document.via.url)
        entity.add("notes", f"read in the copy republished by {document.via.outlet}")
    entity.add("sourceUrl", document.archive_url)
    entity.add("language", document.language)
    entity.add("retrievedAt", document.retrieved)
    entity.add("keywords", document.kind)
    entity.add("bodyText", document.body.strip() or None)


def _mentions(export: Export, linked_document: tuple[str, LinkedDocument]) -> None:
    """One Mention for each profile the linker found in a document, with the spellings."""
    document_slug, linked = linked_document
    for slug, _count in sorted(linked.counts):
        profile = export.catalogue.profile(slug)
        if profile is None:
            continue
        spellings = sorted({m.text for _, mentions in linked.paragraphs for m in mentions
                            if m.slug == slug})
        entity = export.make("Mention", derived_id("mention", document_slug, slug))
        entity.add("document", record_id("document", document_slug))
        entity.add("resolved", record_id(profile.kind_label, slug))
        entity.add("name", spellings or [profile.name])
        entity.add("detectedSchema", "Person" if isinstance(profile, Leader) else "Organization")


def entity_line(entity: EntityProxy) -> str:
    """One JSON object a line, keys sorted, so the same content writes the same bytes."""
    return json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True) + "\n"
