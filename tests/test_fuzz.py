"""Any content, however broken, either loads or is reported as a ContentError: never a crash.

Hypothesis feeds random and mutated files into a copy of the minimal tree and runs the loader and
the model on it, as `make check` does.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import ContentError, Problems
from generator.load import load_content
from generator.model import build_catalogue

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"
FILES = sorted(path.relative_to(MINIMAL).as_posix() for path in MINIMAL.rglob("*") if path.is_file())
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Values that are not what a field expects: wrong types, huge numbers, YAML tags, deep nesting.
ODD_VALUES = [
    "~", "null", "''", "[]", "{}", "[[[[[[[[]]]]]]]]", "{a: {b: {c: {d: [1, {e: f}]}}}}",
    "yes", "no", "true", ".nan", ".inf", "-.inf", "1e400", "9" * 400, "-" + "9" * 40, "0x1F",
    "0o17", "1_000", "12:30:00", "2019-02-30", "2020-13-01", "0000-01-01", "9999-12-31",
    "2020-01-01T25:00:00", "!!binary aGVsbG8=", "!!python/object:os.system ['true']",
    "!!python/object/apply:os.system ['true']", "!!python/name:os.system", "!!set {a, b}",
    "!!omap [a: 1, b: 2]", "!!pairs [a: 1]", "!!timestamp 2020-01-01", "!!str 2020-01-01",
    "!!int '12'", "!!float 'x'", "!!bool 'maybe'", "!!map {a: 1}", "!!seq [1]", "!custom x",
    "&a [1, 2]", "*undefined", "[&a x, *a, *a]", "? complex key", "|\n  block", ">-\n  folded",
    "'unterminated", '"\\x00 control"', "\t tab", "@reserved", "`backtick", "%directive",
    "- a\n- b", "a: b: c", "[1, 2", "{a: 1", "\"\\uD800\"", "é" * 3, "\u202e rtl", "\x85 nel",
]
# A small billion-laughs: aliases multiply, but only to a few thousand items.
BOMB = "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c]\n"


def outcome(root: Path) -> str:
    """Load and model the tree; 'ok' or 'content-error'.  Anything else propagates and fails."""
    problems = Problems()
    records = load_content(root, problems)
    try:
        build_catalogue(records, problems)
    except ContentError as error:
        assert error.problems, "a ContentError must carry at least one problem"
        for problem in error.problems:
            assert problem.line >= 1 and problem.message
        return "content-error"
    return "ok"


def check_with(name: str, data: bytes) -> str:
    """The minimal tree with the file at name replaced by data."""
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "content"
        shutil.copytree(MINIMAL, root)
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
        return outcome(root)


def original(name: str) -> list[str]:
    return (MINIMAL / name).read_text(encoding="utf-8").splitlines()


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A fixture file with a few of its lines deleted, duplicated, retyped or garbled."""
    name = draw(st.sampled_from(FILES))
    lines = original(name)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, max(len(lines) - 1, 0)))
        action = draw(st.sampled_from(["delete", "duplicate", "retype", "garble", "indent"]))
        line = lines[index] if lines else ""
        if action == "delete" and lines:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, line)
        elif action == "retype" and ":" in line:
            key = line.split(":", 1)[0]
            value = draw(st.sampled_from(ODD_VALUES + [BOMB.replace("\n", " ")]))
            lines[index] = f"{key}: {value}"
        elif action == "garble":
            lines[index] = line[: len(line) // 2] + draw(st.text(max_size=12))
        elif action == "indent":
            lines[index] = draw(st.sampled_from(["  ", "\t", "    - "])) + line
    return name, draw(encoded("\n".join(lines) + "\n"))


def encoded(text: str) -> st.SearchStrategy[bytes]:
    """The text as UTF-8, with or without a BOM and CRLF line ends, or in a legacy encoding."""
    crlf = text.replace("\n", "\r\n")
    return st.sampled_from([
        text.encode("utf-8"), crlf.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8"),
        b"\xef\xbb\xbf" + crlf.encode("utf-8"), text.encode("utf-16"),
        text.encode("cp1256", errors="replace"), text.encode("latin-1", errors="replace"),
        text.replace("\n", "\r").encode("utf-8"),
    ])


@FUZZ
@given(mutated())
def test_mutated_files_load_or_are_reported(case):
    name, data = case
    assert check_with(name, data) in ("ok", "content-error")


@FUZZ
@given(st.sampled_from(FILES), st.text(max_size=400))
def test_random_text_loads_or_is_reported(name, text):
    assert check_with(name, text.encode("utf-8", errors="surrogatepass")) in (
        "ok", "content-error")


@FUZZ
@given(st.sampled_from(FILES), st.binary(max_size=300))
def test_random_bytes_load_or_are_reported(name, data):
    assert check_with(name, data) in ("ok", "content-error")


@FUZZ
@given(st.sampled_from(["militias/alpha-brigades.md", "leaders/omar-test.md",
                        "documents/herald-2020-02-03-beta.md"]),
       st.sampled_from(ODD_VALUES), st.sampled_from(["name", "title", "aliases", "sources",
                                                     "published", "relations", "roles",
                                                     "designations", "unknown_key"]))
def test_any_front_matter_field_may_hold_any_odd_value(name, value, key):
    lines = original(name)
    closing = lines.index("---", 1)
    front = [line for line in lines[1:closing] if not line.startswith(f"{key}:")]
    text = "\n".join(["---", *front, f"{key}: {value}", "---", *lines[closing + 1:]]) + "\n"
    assert check_with(name, text.encode("utf-8")) in ("ok", "content-error")


@settings(max_examples=30, deadline=None)
@given(st.sampled_from([1, 2, 7, 60, 500, 5000]), st.sampled_from(["[", "{a: "]))
def test_deep_nesting_is_reported_not_a_crash(depth, opener):
    closer = "]" if opener == "[" else "}"
    text = f"---\nname: {opener * depth}x{closer * depth}\nkind: militia\n---\n"
    assert check_with("militias/beta-front.md", text.encode("utf-8")) == "content-error"


def test_the_alias_bomb_stays_small_and_is_reported():
    text = "---\n" + BOMB + "name: Bomb\nkind: militia\nsources: [herald-2020-02-03-beta]\n---\n"
    assert check_with("militias/beta-front.md", text.encode("utf-8")) == "content-error"


def test_the_untouched_minimal_tree_loads():
    assert outcome(MINIMAL) == "ok"


def test_a_python_object_tag_is_never_constructed():
    text = "---\nname: !!python/object/apply:os.system ['touch /tmp/fuzz-pwned']\nkind: militia\n---\n"
    assert check_with("militias/beta-front.md", text.encode("utf-8")) == "content-error"
    assert not Path("/tmp/fuzz-pwned").exists()
