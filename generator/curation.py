"""The curator's report: what is left to make every fact checkable (`make report`, /about/sources/)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from generator.citations import CITATION
from generator.records import Catalogue
from generator.references import is_draft, sourced_entries

MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
CLAIM = re.compile(rf"\d|\b{MONTH}\b|\b(blam\w*|accus\w*|responsib\w*|kill\w*|attack\w*|"
                   rf"assassinat\w*|kidnap\w*|abduct\w*|tortur\w*|sanction\w*|designat\w*|"
                   rf"terroris\w*|claim\w*|denied|orchestrat\w*|behind)\b", re.IGNORECASE)
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u0600-\u06FF\"'(])")
STALE_AFTER_DAYS = 365


@dataclass(frozen=True)
class Gap:
    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


@dataclass
class CuratorReport:
    """Each list is one kind of gap; `counts` is what `make check` prints."""

    sections: dict[str, list[Gap]] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        return {title: len(gaps) for title, gaps in self.sections.items()}

    def lines(self) -> list[str]:
        out = []
        for title, gaps in self.sections.items():
            out.append(f"{title}: {len(gaps)}")
            out.extend(f"  {gap}" for gap in gaps)
        return out


def curator_report(catalogue: Catalogue, as_of: str) -> CuratorReport:
    report = CuratorReport()
    report.sections["documents with no url of the original"] = [
        Gap(_show(d.path), d.lines.get("url", 1), f"{d.slug}: no url"
            + (f" (read via {d.via.outlet})" if d.via else " and no copy either"))
        for d in catalogue.documents.values() if not d.source_url]
    report.sections["fact fields with no source"] = _unsourced(catalogue)
    report.sections["facts resting on a single source"] = _single_source(catalogue)
    report.sections["prose sentences with a number, date or accusation and no citation"] = \
        _uncited_sentences(catalogue)
    report.sections[f"profiles not reviewed in the {STALE_AFTER_DAYS} days before {as_of}"] = \
        _stale(catalogue, as_of)
    return report


def _show(path: Any) -> str:
    """A content file as the repository names it, the same whichever folder builds the site."""
    return f"content/{path.parent.name}/{path.name}"


def _unsourced(catalogue: Catalogue) -> list[Gap]:
    gaps = []
    for profile in catalogue.profiles:
        if not profile.sources and not is_draft(profile):
            gaps.append(Gap(_show(profile.path), profile.lines.get("sources", 1),
                            f"{profile.slug}: the profile's names and summary cite nothing"))
        for name, entries in sourced_entries(profile):
            for entry in entries:
                if not entry.sources:
                    gaps.append(Gap(_show(profile.path), entry.line or profile.lines.get(name, 1),
                                    f"{profile.slug}: {name.replace('_', ' ')} has no source"))
    return gaps


def _single_source(catalogue: Catalogue) -> list[Gap]:
    """Statements about people and blame that one document alone carries."""
    gaps = []
    for profile in catalogue.profiles:
        for name, entries in sourced_entries(profile):
            if name in ("roles", "designations", "relations", "died"):
                gaps += [Gap(_show(profile.path), entry.line, f"{profile.slug}: {name} "
                             f"rests on {entry.sources[0]} alone")
                         for entry in entries if len(entry.sources) == 1]
    for incident in catalogue.incidents.values():
        gaps += [Gap(_show(incident.path), entry.line, f"{incident.slug}: "
                     f"{entry.status} ({entry.actor or entry.actor_name}) rests on "
                     f"{entry.sources[0]} alone")
                 for entry in incident.attribution if len(entry.sources) == 1]
    return gaps


def _uncited_sentences(catalogue: Catalogue) -> list[Gap]:
    gaps = []
    for profile in catalogue.profiles:
        gaps += _sentences(profile, profile.body, profile.body_line)
        gaps += _sentences(profile, profile.summary or "", profile.lines.get("summary", 1))
    for incident in catalogue.incidents.values():
        gaps += _sentences(incident, incident.summary or "", incident.lines.get("summary", 1),
                           cited_elsewhere=bool(incident.sources))
    return gaps


def _sentences(record: Any, text: str, first_line: int, cited_elsewhere: bool = False) -> list[Gap]:
    """An incident's summary rests on the incident's own sources; profile prose must cite."""
    if cited_elsewhere:
        return []
    gaps = []
    for number, line in enumerate(text.splitlines(), start=first_line):
        for sentence in SENTENCE.split(line):
            if CLAIM.search(CITATION.sub("", sentence)) and not CITATION.search(sentence):
                gaps.append(Gap(_show(record.path), number, f"uncited: {sentence.strip()[:90]}"))
    return gaps


def _stale(catalogue: Catalogue, as_of: str) -> list[Gap]:
    gaps = []
    for profile in catalogue.profiles:
        if profile.reviewed is None:
            gaps.append(Gap(_show(profile.path), 1, f"{profile.slug}: never reviewed (add "
                                                   f"'reviewed: YYYY-MM-DD' once checked)"))
        elif as_of and _days_between(profile.reviewed, as_of) > STALE_AFTER_DAYS:
            gaps.append(Gap(_show(profile.path), profile.lines.get("reviewed", 1),
                            f"{profile.slug}: last reviewed {profile.reviewed}"))
    return gaps


def _days_between(earlier: str, later: str) -> int:
    start = dt.date(*(int(p) for p in (earlier + "-01-01")[:10].split("-")))
    end = dt.date(*(int(p) for p in (later + "-01-01")[:10].split("-")))
    return (end - start).days

