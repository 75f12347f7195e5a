"""Field rules: how each front-matter value is checked and converted, with a fix in every message."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.load import YamlList, YamlMap

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
RANGE = re.compile(r"^(\d+)\s*[-–]\s*(\d+)$")


class Invalid(ValueError):
    """A value that breaks its rule; the message says what was expected."""


Convert = Callable[[Any], Any]


@dataclass(frozen=True)
class Field:
    """One front-matter key: its converter, whether it must be present, and its item rules."""

    convert: Convert
    required: bool = False
    items: dict[str, Field] | None = None  # a list of mappings, each checked by these rules


def text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise Invalid(f"expected plain text, found a {'list' if isinstance(value, list) else 'mapping'}")
    result = str(value).strip()
    return result or None


def slug(value: Any) -> str | None:
    result = text(value)
    if result is not None and not SLUG.match(result):
        raise Invalid(f"{result!r} is not a slug: use lowercase ASCII words joined by hyphens, "
                      f"like 'kataib-hezbollah'")
    return result


def partial_date(value: Any) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD, checked against the calendar."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    raw = str(value).strip()
    match = PARTIAL_DATE.match(raw)
    if not match:
        raise Invalid(f"{raw!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        raise Invalid(f"{raw!r} is not a real calendar date") from None
    return raw


def full_date(value: Any) -> str | None:
    result = partial_date(value)
    if result is not None and len(result) != 10:
        raise Invalid(f"{result!r} needs a day: write YYYY-MM-DD")
    return result


def integer(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"{value!r} is not a whole number")
    return value


def number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Invalid(f"{value!r} is not a number: write decimal degrees like 33.2989")
    return float(value)


def count(value: Any) -> str | None:
    """Casualties: a whole number or a range like 5-7; empty means unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return str(value)
    match = RANGE.match(str(value).strip())
    if match and int(match.group(1)) <= int(match.group(2)):
        return f"{int(match.group(1))}-{int(match.group(2))}"
    raise Invalid(f"{value!r} is not a count: write a number like 3 or a range like 5-7")


def closest(value: str, choices: list[str] | tuple[str, ...], cutoff: float = 0.6) -> str | None:
    """The choice a typo most likely meant, if any is close enough."""
    hint = difflib.get_close_matches(value, list(choices), n=1, cutoff=cutoff)
    return hint[0] if hint else None


def one_of(*choices: str) -> Convert:
    def convert(value: Any) -> str | None:
        result = text(value)
        if result is not None and result not in choices:
            hint = closest(result, choices)
            maybe = f"did you mean {hint!r}? " if hint else ""
            raise Invalid(f"{result!r} is not allowed here: {maybe}use one of {', '.join(choices)}")
        return result
    return convert


def list_of(convert: Convert) -> Convert:
    """A YAML list (or a single value, taken as a list of one) of converted items."""
    def convert_list(value: Any) -> tuple[Any, ...]:
        if value is None or value == "":
            return ()
        items = value if isinstance(value, list) else [value]
        if any(isinstance(item, (dict, list)) for item in items):
            raise Invalid("expected a list of plain values, like [a, b]")
        converted = (convert(item) for item in items)
        return tuple(item for item in converted if item is not None)
    return convert_list


def did_you_mean(key: str, allowed: list[str]) -> str:
    hint = closest(key, allowed)
    return f"did you mean {hint!r}?" if hint else f"allowed fields: {', '.join(allowed)}"


Report = Callable[[int, str], None]


def read_fields(meta: YamlMap, rules: dict[str, Field], report: Report) -> dict[str, Any]:
    """Check every key of meta against rules; report problems by line; return converted values."""
    for key in meta:
        if key not in rules:
            report(meta.line_of(key), f"unknown field {key!r}: {did_you_mean(key, list(rules))}")
    values: dict[str, Any] = {}
    for key, rule in rules.items():
        raw = meta.get(key)
        line = meta.line_of(key)
        values[key] = _read_one(key, raw, rule, line, report)
        if rule.required and raw in (None, "", []):
            report(meta.line if key not in meta else line,
                   f"missing required field {key!r}: add a line '{key}: ...'")
    return values


def _read_one(key: str, raw: Any, rule: Field, line: int, report: Report) -> Any:
    if rule.items is not None:
        return _read_items(key, raw, rule.items, line, report)
    try:
        return rule.convert(raw)
    except Invalid as error:
        report(line, f"{key}: {error}")
        return rule.convert(None)  # the rule's empty value (None or ()), so later stages never crash


def _read_items(key: str, raw: Any, rules: dict[str, Field], line: int,
                report: Report) -> tuple[dict[str, Any], ...]:
    if raw is None or raw == "":
        return ()
    if not isinstance(raw, YamlList):
        report(line, f"{key}: expected a list of entries, each starting with '- '")
        return ()
    entries = []
    for index, item in enumerate(raw):
        if not isinstance(item, YamlMap):
            report(raw.line_of(index), f"{key}: each entry must be 'key: value' lines")
            continue
        entry = read_fields(item, rules, report)
        entry["_line"] = item.line
        entries.append(entry)
    return tuple(entries)
