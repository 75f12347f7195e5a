"""Reading an ACLED export as it comes: every layout in use since 2019, any of ACLED's date forms,
comma or semicolon (or tab) separated, UTF-8 or UTF-16.

Layouts (column names lowercased; extra and unknown columns are ignored):
  - 2019-2022: 31 columns starting `data_id, iso, event_id_cnty, event_id_no_cnty, event_date`,
    ending `..., notes, fatalities, timestamp, iso3`;
  - 2023 and later: `event_id_cnty, event_date, year, time_precision, disorder_type, ...,
    civilian_targeting, iso, region, country, ..., tags, timestamp`;
  - one row per actor (the API's monadic form): `actor1, assoc_actor_1, inter1` only, an event's
    first row its actor 1, its second row its actor 2; or acledR's long form, with `actor` and
    `type_of_actor` (actor1, assoc_actor_1, actor2, assoc_actor_2).

A file that cannot be read at all is one ContentError saying why. A row that cannot be read is a
Problem in `Export.skipped` (its line and why) and the rest of the file is still read. Rows of
other countries than the ones asked for are left out and counted by country.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.acled_fields import ACLED_KEYS, LIST_KEYS, TIME_PRECISIONS
from generator.border import inside_iraq
from generator.errors import ContentError, Problem, Problems

csv.field_size_limit(10_000_000)  # ACLED's notes can be long; the default limit is 128 kB
BASE = ("event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type")
PLACE = ("location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities")
ACTOR_COLUMNS = {"dyadic": ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"),
                 "monadic": ("actor1", "assoc_actor_1"),
                 "long": ("actor", "type_of_actor")}
LAYOUTS = {"dyadic": "one row per event", "monadic": "one row per actor",
           "long": "one row per actor (acledR's long form)"}
# ISO 3166 numeric and alpha-3 codes of the countries the briefing is about and its neighbours,
# for exports that carry only `iso`/`iso3`
ISO_CODES = {"iraq": ("368", "IRQ"), "syria": ("760", "SYR"), "iran": ("364", "IRN"),
             "turkey": ("792", "TUR"), "jordan": ("400", "JOR"), "kuwait": ("414", "KWT"),
             "saudi arabia": ("682", "SAU")}
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y", "%d-%b-%y",
                "%d-%B-%y", "%d %b %y", "%d/%m/%Y", "%Y/%m/%d")
ANY_COUNTRY = "any"
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


@dataclass(frozen=True)
class Event:
    """One event of the export in ACLED's terms (lists split at ACLED's semicolons)."""

    line: int
    event_id: str
    date: dt.date
    time_precision: int
    latitude: float
    longitude: float
    geo_precision: int | None
    fatalities: int | None
    timestamp: int | None
    text: dict[str, str] = field(default_factory=dict)          # the other plain fields
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return f"{self.date.isoformat()}-acled-{slugify(self.event_id)}"

    def get(self, key: str) -> str:
        return self.text.get(key, "")

    @property
    def date_precision(self) -> str:
        return TIME_PRECISIONS[self.time_precision]

    @property
    def side1(self) -> tuple[str, ...]:
        return _unique((self.get("actor1"), *self.lists.get("assoc_actor_1", ())))

    @property
    def side2(self) -> tuple[str, ...]:
        return _unique((self.get("actor2"), *self.lists.get("assoc_actor_2", ())))

    @property
    def sources(self) -> tuple[str, ...]:
        return self.lists.get("source", ())

    @property
    def modified(self) -> dt.date | None:
        if self.timestamp is None:
            return None
        return dt.datetime.fromtimestamp(self.timestamp, tz=dt.UTC).date()

    def block(self) -> dict[str, Any]:
        """The incident's `acled:` mapping: ACLED's fields in ACLED_KEYS order, empty ones left
        out."""
        values: dict[str, Any] = {
            "event_id": self.event_id, "event_date": self.date.isoformat(),
            "time_precision": self.time_precision, "latitude": self.latitude,
            "longitude": self.longitude, "geo_precision": self.geo_precision,
            "fatalities": self.fatalities, "timestamp": self.timestamp,
            **self.text, **{key: list(items) for key, items in self.lists.items()}}
        return {key: values[key] for key in ACLED_KEYS if values.get(key) not in (None, "", [])}

    @classmethod
    def from_block(cls, block: dict[str, Any], line: int = 0) -> Event:
        """The event an incident's `acled:` mapping records (to re-derive what was imported)."""
        numbers = ("event_id", "event_date", "time_precision", "latitude", "longitude",
                   "geo_precision", "fatalities", "timestamp")
        date = block.get("event_date")
        return cls(line=line, event_id=str(block.get("event_id", "")),
                   date=date if isinstance(date, dt.date) else dt.date.fromisoformat(str(date)),
                   time_precision=int(block.get("time_precision") or 1),
                   latitude=float(block.get("latitude") or 0),
                   longitude=float(block.get("longitude") or 0),
                   geo_precision=block.get("geo_precision"), fatalities=block.get("fatalities"),
                   timestamp=block.get("timestamp"),
                   text={k: str(v) for k, v in block.items()
                         if k not in numbers and k not in LIST_KEYS},
                   lists={k: tuple(str(x) for x in v) for k, v in block.items()
                          if k in LIST_KEYS and v})


@dataclass
class Export:
    """What reading an export found."""

    path: Path
    layout: str = ""
    delimiter: str = ","
    encoding: str = "UTF-8"
    rows: int = 0
    events: list[Event] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)        # rows that could not be read
    left_out: Counter[str] = field(default_factory=Counter)     # rows of other countries
    countries: tuple[str, ...] = ("iraq",)

    def describe(self) -> str:
        names = {",": "comma", ";": "semicolon", "\t": "tab"}
        return f"{self.layout}, {names[self.delimiter]}-separated, {self.encoding}"

    def covers(self, country: str) -> bool:
        return ANY_COUNTRY in self.countries or country.casefold() in self.countries


def read_export(path: Path, countries: tuple[str, ...] = ("iraq",)) -> Export:
    """The export's events of `countries` (names, or 'any'); raises ContentError if the file
    cannot be read at all."""
    export = Export(path=path, countries=tuple(c.strip().casefold() for c in countries))
    text = _decode(path, export)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        _fail(path, 1, "the file is empty: expected an ACLED export with a header line")
    export.delimiter, columns = _header(path, lines[0])
    kind = _layout(path, columns)
    export.layout = _layout_name(columns, kind)
    rows = _rows(text, export, columns)
    export.events = _events(rows, kind, export)
    return export


def _fail(path: Path, line: int, message: str) -> None:
    raise ContentError([Problem(Problems._show(path), line, message)])


def _decode(path: Path, export: Export) -> str:
    if not path.is_file():
        _fail(path, 1, "ACLED export not found")
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, export.encoding = "utf-16", "UTF-16"
    elif data[:200].count(b"\x00") > 20:   # UTF-16 without its byte order mark
        encoding = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        export.encoding = "UTF-16"
    else:
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding).replace("\x00", "")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        _fail(path, line, f"not UTF-8 or UTF-16 text (byte {data[error.start]:#04x} on this "
              f"line): download the export again, or in a spreadsheet save it as 'CSV UTF-8'")
    raise AssertionError("unreachable")


def _header(path: Path, first: str) -> tuple[str, list[str]]:
    """The delimiter that splits the header into ACLED's column names, and the names."""
    known = {*BASE, *PLACE, *ACTOR_COLUMNS["dyadic"], "actor", "country", "iso", "admin1"}
    best: tuple[int, str, list[str]] = (0, ",", [])
    for delimiter in (",", ";", "\t"):
        cells = next(csv.reader([first], delimiter=delimiter), [])
        columns = [cell.strip().strip("\ufeff").lower() for cell in cells]
        score = len(known & set(columns))
        if score > best[0]:
            best = (score, delimiter, columns)
    if best[0] >= 3:
        return best[1], best[2]
    shown = first if len(first) <= 60 else first[:57] + "..."
    if not any(mark in first for mark in ",;\t"):
        _fail(path, 1, f"the header line {shown!r} has no comma, semicolon or tab between "
              f"column names: expected an ACLED export saved as CSV")
    _fail(path, 1, f"the header line {shown!r} names no ACLED columns (event_id_cnty, "
          f"event_date, actor1, latitude, ...): expected an ACLED export")
    raise AssertionError("unreachable")


def _layout(path: Path, columns: list[str]) -> str:
    kind = ("long" if "type_of_actor" in columns else
            "dyadic" if "actor2" in columns or "actor1" not in columns else "monadic")
    needed = (*BASE, *ACTOR_COLUMNS[kind], *PLACE)
    missing = [name for name in needed if name not in columns]
    if missing:
        _fail(path, 1, f"missing ACLED columns: {', '.join(missing)}")
    return kind


def _layout_name(columns: list[str], kind: str) -> str:
    era = ("2019-2022 layout" if "data_id" in columns or "iso3" in columns else
           "2023+ layout" if "disorder_type" in columns or "civilian_targeting" in columns else
           "ACLED layout")
    return f"{era}, {LAYOUTS[kind]}"


def _rows(text: str, export: Export, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    """(line, {column: value}) of every data row; rows of the wrong width are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=export.delimiter)
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        next(reader)
        previous = reader.line_num
        for cells in reader:
            line, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            export.rows += 1
            if len(cells) != len(columns):
                _skip(export, line, f"the row has {len(cells)} fields but the header has "
                                    f"{len(columns)}: check the quoting of this row")
                continue
            rows.append((line, {name: cell.strip() for name, cell in zip(columns, cells,
                                                                          strict=True)}))
    except csv.Error as error:
        _skip(export, reader.line_num or 1, f"the rest of the file cannot be read as CSV "
                                            f"({error})")
    return rows


def _skip(export: Export, line: int, message: str) -> None:
    export.skipped.append(Problem(Problems._show(export.path), line,
                                  f"{message}; the row was skipped"))


def _events(rows: list[tuple[int, dict[str, str]]], kind: str, export: Export) -> list[Event]:
    events: dict[str, Event] = {}
    for line, row in rows:
        country = _country(row)
        if not export.covers(country) and (country or not _iso_only(row, export)):
            export.left_out[country or row.get("iso3") or row.get("iso") or "unknown"] += 1
            continue
        event = _event(row, line, export, country)
        if event is None:
            continue
        key = slugify(event.event_id)
        if key not in events:
            events[key] = _with_actors(event, row, kind, first=True)
        elif kind == "dyadic":
            _skip(export, line, f"event_id_cnty {event.event_id!r} appears twice (also on line "
                                f"{events[key].line})")
        else:
            events[key] = _with_actors(events[key], row, kind, first=False)
    return list(events.values())


def _country(row: dict[str, str]) -> str:
    if row.get("country"):
        return " ".join(row["country"].split())
    for code in (row.get("iso3", ""), row.get("iso", "")):
        for name, codes in ISO_CODES.items():
            if code and code.upper() in codes:
                return name.title()
    return ""


def _iso_only(row: dict[str, str], export: Export) -> bool:
    """True when the row names no country at all: its coordinates decide."""
    return not (row.get("iso3") or row.get("iso"))


def _event(row: dict[str, str], line: int, export: Export, country: str) -> Event | None:
    problems: list[str] = []
    event_id = row["event_id_cnty"]
    if not slugify(event_id):
        problems.append(f"event_id_cnty {event_id!r} is empty or has no letters or digits")
    date = parse_date(row["event_date"])
    if date is None:
        problems.append(f"event_date {row['event_date']!r} is not a date: ACLED writes "
                        f"2020-01-15, 15 January 2020 or (in a spreadsheet) 15-Jan-20")
    elif date > dt.date.today():
        problems.append(f"event_date {date.isoformat()} is in the future")
    precision = _whole(row["time_precision"])
    if precision not in TIME_PRECISIONS:
        problems.append(f"time_precision {row['time_precision']!r} is not 1 (day), 2 (week) "
                        f"or 3 (month)")
    latitude, longitude = _number(row["latitude"]), _number(row["longitude"])
    if latitude is None or longitude is None:
        problems.append(f"bad coordinates: latitude {row['latitude']!r}, longitude "
                        f"{row['longitude']!r} must be decimal degrees like 33.3406, 44.4009")
    elif not inside_iraq(latitude, longitude):
        if country and country.casefold() != "iraq":
            export.left_out[f"{country}, outside Iraq's border"] += 1
            return None
        problems.append(f"coordinates ({latitude}, {longitude}) are outside Iraq's border"
                        f"{f' although the country is {country}' if country else ''}: the "
                        f"briefing covers events in Iraq only")
    geo_precision = _whole(row["geo_precision"])
    if row["geo_precision"] and geo_precision not in (1, 2, 3):
        problems.append(f"geo_precision {row['geo_precision']!r} is not 1, 2 or 3")
    fatalities = _whole(row["fatalities"])
    if row["fatalities"] and fatalities is None:
        problems.append(f"fatalities {row['fatalities']!r} is not a whole number")
    timestamp = _whole(row.get("timestamp", "").split(".")[0])
    if row.get("timestamp") and timestamp is None:
        problems.append(f"timestamp {row['timestamp']!r} is not a time in seconds since 1970")
    for message in problems:
        _skip(export, line, message)
    if problems:
        return None
    assert date is not None and precision is not None
    assert latitude is not None and longitude is not None
    plain = ("disorder_type", "event_type", "sub_event_type", "interaction",
             "civilian_targeting", "admin1", "admin2", "admin3", "location", "source_scale",
             "notes")
    text = {key: _clean(row.get(key, "")) for key in plain}
    text["country"] = country
    lists = {key: _split(row.get(key, "")) for key in ("source", "tags")}
    return Event(line=line, event_id=event_id, date=date, time_precision=precision,
                 latitude=latitude, longitude=longitude, geo_precision=geo_precision,
                 fatalities=fatalities, timestamp=timestamp, text=text, lists=lists)


def _with_actors(event: Event, row: dict[str, str], kind: str, first: bool) -> Event:
    """The event with this row's actors: every column of a dyadic row; one side per row of the
    monadic form (the first row actor 1, the next actor 2); one actor per row of the long form."""
    text, lists = dict(event.text), dict(event.lists)
    if kind == "dyadic":
        text.update(actor1=_clean(row["actor1"]), actor2=_clean(row["actor2"]))
        lists.update(assoc_actor_1=_split(row["assoc_actor_1"]),
                     assoc_actor_2=_split(row["assoc_actor_2"]))
    elif kind == "monadic":
        side = "1" if first or not text.get("actor1") else "2"
        if side == "1" or not text.get("actor2"):
            text[f"actor{side}"] = _clean(row["actor1"])
            lists[f"assoc_actor_{side}"] = _split(row["assoc_actor_1"])
    else:
        role, actor = row["type_of_actor"].strip().lower(), _clean(row["actor"])
        if role in ("actor1", "actor2") and not text.get(role):
            text[role] = actor
        elif role in ("assoc_actor_1", "assoc_actor_2") and actor:
            lists[role] = (*lists.get(role, ()), actor)
    return replace(event, text=text, lists=lists)


def parse_date(raw: str) -> dt.date | None:
    text = " ".join(raw.split()).split("T")[0]
    for form in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def _number(raw: str) -> float | None:
    try:
        value = float(raw.replace(",", ".") if raw.count(",") == 1 and "." not in raw else raw)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _whole(raw: str) -> int | None:
    return int(raw) if re.fullmatch(r"\d+", raw.strip()) else None


def _clean(text: str) -> str:
    return " ".join(text.split())


def _split(text: str) -> tuple[str, ...]:
    return _unique(_clean(part) for part in text.split(";"))


def _unique(names: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for name in names if name))
