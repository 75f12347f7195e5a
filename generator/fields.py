"""Field rules: how each front-matter value is checked and converted, with a fix in every message."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from typing import Any

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
RANGE = re.compile(r"^(\d+)\s*[-–]\s*(\d+)$")
WEB_URL = re.compile(r"^https?://[^\s<>\"'`]+$")


class Invalid(ValueError):
    """A value that breaks its rule; the message says what was expected."""


Convert = Callable[[Any], Any]


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


def boolean(value: Any) -> bool | None:
    if value is None or value == "":
        return None
    if not isinstance(value, bool):
        raise Invalid(f"{value!r} is not true or false")
    return value


def precision(value: Any) -> int | None:
    """Geo precision: 1 the exact site, 2 a district or area, 3 a town or city."""
    result = integer(value)
    if result is not None and result not in (1, 2, 3):
        raise Invalid(f"{result!r} is not a precision: write 1 (exact site), 2 (district or "
                      f"area) or 3 (town or city)")
    return result


def web_url(value: Any) -> str | None:
    """An http(s) address as found; anything else (javascript:, a bare name) is refused."""
    result = text(value)
    if result is not None and not WEB_URL.match(result):
        raise Invalid(f"{result!r} is not a web address: write it in full, starting with "
                      f"https:// (or leave it empty)")
    return result
