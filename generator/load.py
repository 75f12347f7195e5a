"""Stage 1, load: read content/** into source records that remember the line of every key."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem, Problems

log = logging.getLogger(__name__)

# folder under content/ -> (record kind, accepted suffixes)
FOLDERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "militias": ("militia", (".md",)),
    "leaders": ("leader", (".md",)),
    "documents": ("document", (".md", ".txt")),
    "incidents": ("incident", (".yml", ".yaml")),
}
PLACES_FILE = "places.yml"
PLACES_FOLDER = "places"


class YamlMap(dict):
    """A YAML mapping that knows its own line and the line of each key (1-based)."""

    line: int = 1

    def __init__(self, *args: Any, key_lines: dict[str, int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines = key_lines or {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list):
    """A YAML sequence that knows its own line and the line of each item."""

    line: int = 1
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


# libyaml's parser when PyYAML has it (about 10x faster on a large corpus): its nodes carry the
# same line marks, and SafeConstructor's rules (and ours below) are unchanged.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """SafeLoader whose mappings and sequences carry line numbers."""

    line_offset = 0
    duplicates: list[tuple[int, str]]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """A tagged value YAML cannot build (!!float 'x') becomes a YAML error at its line."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, KeyError, ArithmeticError) as error:
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read this value ({error}): quote it as plain text",
                node.start_mark) from None


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> YamlMap:
    result = YamlMap()
    result.line = node.start_mark.line + 1 + loader.line_offset
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key = str(key) if not isinstance(key, str) else key
        line = key_node.start_mark.line + 1 + loader.line_offset
        if key in result:
            loader.duplicates.append((line, f"{key!r} is given twice, on line "
                                            f"{result.key_lines[key]} and line {line}: keep one"))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: LineLoader, node: yaml.SequenceNode) -> YamlList:
    result = YamlList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.item_lines = [child.start_mark.line + 1 + loader.line_offset for child in node.value]
    return result


def _construct_timestamp(loader: LineLoader, node: yaml.ScalarNode) -> Any:
    """A date YAML cannot build (2019-02-30) stays text, so validation can explain it."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


@dataclass(frozen=True)
class SourceRecord:
    """One record as written by a contributor, before validation."""

    path: Path
    kind: str
    slug: str
    meta: YamlMap
    body: str = ""
    body_line: int = 1


MAX_NODES = 20_000  # values aliases may add to a file (a "billion laughs" guard)


def parse_yaml(text: str, path: Path, problems: Problems, line_offset: int = 0) -> Any:
    """Parse YAML, reporting a syntax error as path:line instead of raising."""
    loader = LineLoader(text)
    loader.line_offset = line_offset
    loader.duplicates = []
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        sizes: dict[int, int] = {}
        # only what aliases add counts: a long file written out in full is no bomb
        if _expanded_size(node, sizes) - len(sizes) > MAX_NODES:
            problems.add(path, node.start_mark.line + 1 + line_offset,
                         f"this YAML expands through aliases (*name) to more than {MAX_NODES:,} "
                         f"values: write the values out instead of repeating anchors")
            return None
        data = loader.construct_document(node)
        for line, message in loader.duplicates:
            problems.add(path, line, message)
        return None if loader.duplicates else data
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1 + line_offset
        code = error.character if isinstance(error.character, int) else ord(error.character)
        problems.add(path, line, f"character U+{code:04X} is not allowed in YAML: "
                                 f"delete it (control characters are invisible in most editors)")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        problems.add(path, line, f"YAML syntax error: {error.problem or error.context}")
    except yaml.YAMLError as error:
        problems.add(path, 1 + line_offset, f"YAML error: {error}")
    except (ValueError, TypeError, KeyError, ArithmeticError, RecursionError) as error:
        problems.add(path, 1 + line_offset, f"YAML that cannot be read ({type(error).__name__}): "
                                            f"check the tags (!!...) and nesting")
    finally:
        loader.dispose()
    return None


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many values a node stands for once every alias is expanded (each node counted once,
    so a shared anchor costs its size at each use without being walked again)."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    if isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, sizes) + _expanded_size(v, sizes) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(child, sizes) for child in node.value)
    else:
        size = 1
    sizes[id(node)] = size
    return size


def decode_utf8(path: Path, problems: Problems, fix: str = "save the file with UTF-8 encoding",
                encoding: str = "utf-8") -> str | None:
    """A file's text, or None with the line of the first byte that is not UTF-8 reported."""
    data = path.read_bytes()
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.add(path, line, f"not UTF-8 text (byte {data[error.start]:#04x}): {fix}")
        return None


def read_text(path: Path, problems: Problems) -> str | None:
    """Read a file as UTF-8, reporting undecodable bytes and empty files."""
    text = decode_utf8(path, problems)
    if text is None:
        return None
    if not text.strip():
        problems.add(path, 1, "the file is empty: copy an existing file of this kind as a start")
        return None
    return text.removeprefix("\ufeff")


def split_front_matter(text: str, path: Path, problems: Problems) -> tuple[Any, str, int] | None:
    """Split `---` YAML front matter from the body; return (meta, body, body's first line)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        problems.add(path, 1, "the file must start with a line '---' that opens the front matter")
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            meta = parse_yaml("".join(lines[1:index]), path, problems, line_offset=1)
            return meta, "".join(lines[index + 1:]), index + 2
    problems.add(path, 1, "the front matter opened on line 1 is never closed with a line '---'")
    return None


class FileCache:
    """What each file loaded to, kept while the file is unchanged (the live preview re-reads
    only the files an edit touched): {path: (signature, records, problems)}."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[tuple[int, int], list[SourceRecord], list[Problem]]] = {}
        self.signatures: dict[str, tuple[int, int]] = {}  # taken by the caller just before

    def load(self, path: str, read: Callable[[Path, Problems], list[SourceRecord]],
             problems: Problems) -> list[SourceRecord]:
        signature = self.signatures.get(path)
        if signature is None:
            status = os.stat(path)
            signature = (status.st_mtime_ns, status.st_size)
        known = self.entries.get(path)
        if known is None or known[0] != signature:
            own = Problems()
            known = (signature, read(Path(path), own), own.found)
            self.entries[path] = known
        problems.found.extend(known[2])
        return known[1]


def load_content(root: Path, problems: Problems, cache: FileCache | None = None
                 ) -> list[SourceRecord]:
    """Every record under root, sorted by kind folder and file name. Nothing is read through a
    link that leaves root: such a file or folder is reported instead."""
    if not root.is_dir():
        problems.add(root, 1, "content folder not found")
        return []
    top = root.resolve()
    records: list[SourceRecord] = []
    for folder, (kind, suffixes) in FOLDERS.items():
        read = functools.partial(_load_file, kind=kind)
        for path in _files(root / folder, top, problems):
            if os.path.splitext(path)[1] not in suffixes:
                problems.add(path, 1, f"{folder}/ holds {' or '.join(suffixes)} files only: "
                                      f"rename it or move it out of content/")
                continue
            records.extend(cache.load(path, read, problems) if cache
                           else read(Path(path), problems))
    places = [str(root / PLACES_FILE)] if _within(root / PLACES_FILE, top, problems) else []
    for path in [*places, *_files(root / PLACES_FOLDER, top, problems)]:
        if os.path.splitext(path)[1] in (".yml", ".yaml"):
            records.extend(cache.load(path, _load_places, problems) if cache
                           else _load_places(Path(path), problems))
        else:
            problems.add(path, 1, "places/ holds .yml files only: rename it or move it out")
    log.info("loaded %d records from %s", len(records), root)
    return records


def _files(folder: Path, top: Path, problems: Problems) -> list[str]:
    """The files of one content folder, refusing links out of the tree and subfolders."""
    if not folder.exists() or not _within(folder, top, problems):
        return []
    found = []
    with os.scandir(folder) as entries:
        listed = sorted(entries, key=lambda entry: entry.name)
    for entry in listed:
        if entry.name.startswith("."):
            continue
        # a plain file in a folder already inside the tree is inside it: only links are resolved
        if entry.is_symlink() and not _within(Path(entry.path), top, problems):
            continue
        if entry.is_dir():
            problems.add(entry.path, 1, f"a folder inside {folder.name}/ is not read: move its "
                                        f"files up into {folder.name}/")
            continue
        found.append(entry.path)
    return found


def _within(path: Path, top: Path, problems: Problems) -> bool:
    """False (and reported) for a link that leads outside the content folder."""
    if not path.is_symlink() and not path.exists():
        return False
    target = path.resolve()
    if target == top or target.is_relative_to(top):
        return True
    problems.add(path, 1, f"{path.name} is a link to {target}, outside the content folder: "
                          f"copy the file into content/ instead of linking it")
    return False


def _load_file(path: Path, problems: Problems, kind: str) -> list[SourceRecord]:
    text = read_text(path, problems)
    if text is None:
        return []
    known = len(problems.found)
    if kind == "incident":
        meta, body, body_line = parse_yaml(text, path, problems), "", 1
    else:
        parts = split_front_matter(text, path, problems)
        if parts is None:
            return []
        meta, body, body_line = parts
    if len(problems.found) > known:
        return []
    if meta is None:
        meta = YamlMap(key_lines={})
    if not isinstance(meta, YamlMap):
        problems.add(path, 1, "expected 'key: value' lines, found something else")
        return []
    return [SourceRecord(path, kind, path.stem, meta, body, body_line)]


def _load_places(path: Path, problems: Problems) -> list[SourceRecord]:
    if not path.exists():
        return []
    text = read_text(path, problems)
    places = parse_yaml(text, path, problems) if text is not None else None
    if places is None:
        return []
    if not isinstance(places, YamlList):
        problems.add(path, 1, f"{path.name} must be a list of places, each starting with '- slug:'")
        return []
    records = []
    for index, place in enumerate(places):
        if not isinstance(place, YamlMap):
            problems.add(path, places.line_of(index), "each place must be a mapping of 'key: value'")
            continue
        records.append(SourceRecord(path, "place", str(place.get("slug", "")), place))
    return records
