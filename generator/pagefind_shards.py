"""Pagefind in bounded memory and on every core: a bundle over many pages is indexed a share of
pages at a time, one run a core at once, and the shares' indexes are merged into the one bundle
Pagefind would have written.

Pagefind holds every page it indexes in memory until it writes (about 240 kB a page of this
site, so 5.9 GB for the documents at 100 times the bundled content), and a run uses one core.
Each run gets copies of its pages cut down to their head and their marked body, which is all
Pagefind reads of a page whose body is marked (it parses them about 40% faster). The merge reads
Pagefind 1.5's files (gzipped CBOR after a `pagefind_dcd` signature):

* metadata: [version, pages [[fragment hash, word count]], index chunks [[from, to, hash]],
  filters [[name, hash]], sorts, meta fields];
* an index chunk: [[word, [[page number, locations, meta locations]], [[as written, pages]]]],
  words sorted, each list of pages numbered by the difference from the page before it;
* a filter: [name, [[value, [page numbers]]]].

Merged, a share's page numbers move up by the pages of the shares before it, and the words are
chunked again as Pagefind chunks them (pagefind/src/index/mod.rs: `chunk_index` with 20,000
locations a chunk, each chunk named by the shortest prefixes that tell it from its neighbours),
a fixed range of words (WORD_RANGES) a worker at a time, so a chunk also ends where a range
does."""

from __future__ import annotations

import gzip
import hashlib
import heapq
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from operator import itemgetter
from pathlib import Path
from typing import Any

import libipld

from generator.errors import BuildError
from generator.forked import in_shares, paused_collector, workers_wanted

MAGIC = b"pagefind_dcd"
SHARD_PAGES = 200   # at least this many pages a share: about 50 MB of Pagefind's memory
SITE_PART = 8       # or an eighth of the site's pages, shared by the runs at once: Pagefind
                    # holds about 6 times what MkDocs held a page, so the runs together stay
                    # under what MkDocs held for the whole site
CHUNK_LOCATIONS = 20000
MARK = b"data-pagefind-body"                     # on any element, in any page
BODY_START = b"<div data-pagefind-body"           # as site_templates/overrides/main.html
BODY_END = b"<!-- end of data-pagefind-body -->"  # writes them: only these are cut down
Word = list[Any]    # [word, pages, variants]
WordRange = tuple[str, str]     # words from the first (included) to the second ("": no end)
Written = tuple[str, str, str]  # a chunk's first word, last word, file name
# The ranges the merge is split into, a worker each at a time; fixed, so the chunks are the
# same however many workers there are: a range a Latin letter, the rest before, between, after.
WORD_RANGES: list[WordRange] = list(zip(
    ["", *"abcdefghijklmnopqrstuvwxyz", "{", "\u0600", "\u0640"],
    [*"abcdefghijklmnopqrstuvwxyz", "{", "\u0600", "\u0640", ""], strict=True))
LAST_CHARACTER = "\U0010ffff"


def read_pagefind(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    try:
        if data.startswith(MAGIC):
            return libipld.decode_dag_cbor(data[len(MAGIC):])
    except ValueError:
        pass
    raise BuildError(f"{path}: not a Pagefind file this build knows how to read")


def write_pagefind(folder: Path, prefix: str, language: str, value: object, digits: int,
                   suffix: str) -> str:
    """Write value under a name made of its content's hash; return the hash part of the name.
    DAG-CBOR is canonical: the same value, the same bytes."""
    data = MAGIC + libipld.encode_dag_cbor(value)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    # Pagefind's own level (flate2's default): 9 makes files a little smaller, three times slower
    (folder / f"{prefix}{name}{suffix}").write_bytes(gzip.compress(data, 6, mtime=0))
    return name


def shard_pages(site_pages: int = 0, at_once: int = 1) -> int:
    """Pages a share: BRIEFING_PAGEFIND_SHARD if set, else SHARD_PAGES or an eighth of the
    site shared by the runs at once, whichever is more (fewer shares to merge on a large site,
    and the runs at once together hold what one run of an eighth would)."""
    given = os.environ.get("BRIEFING_PAGEFIND_SHARD", "").strip()
    if given.isdigit() and int(given) > 0:
        return int(given)
    return max(SHARD_PAGES, site_pages // (SITE_PART * at_once))


def index_in_shares(site: Path, pages: list[Path], folder: str,
                    index: Callable[[Path, str], None], site_pages: int = 0) -> None:
    """Write site/folder: index(root, folder) over `pages` (paths inside `site`, a site of
    `site_pages` pages), a share at a time, one run a core at once, each over copies of its
    pages cut down to what Pagefind reads; the shares' bundles merged when there are several."""
    at_once = workers_wanted()
    size = shard_pages(site_pages, at_once)
    # Pagefind leaves out the pages without a marked body when any page has one
    any_marked = any(MARK in page.read_bytes() for page in pages)
    shares = _split(pages, size) or [[]]
    # inside the site being built: the same file system, and gone with it if a build is killed
    with tempfile.TemporaryDirectory(prefix=".pagefind-shares-", dir=site) as work:
        roots = [Path(work) / f"share-{number}" for number in range(len(shares))]

        def run(number: int) -> Path | None:
            copied = sum(_copy_indexed(page, roots[number] / page.relative_to(site), any_marked)
                         for page in shares[number])
            if not copied and len(shares) > 1:   # only pages Pagefind leaves out
                return None
            roots[number].mkdir(parents=True, exist_ok=True)
            index(roots[number], folder)
            bundle = Path(work) / f"bundle-{number}"
            os.replace(roots[number] / folder, bundle)
            shutil.rmtree(roots[number])   # the copies go now, while another run indexes
            return bundle
        with ThreadPoolExecutor(min(at_once, len(shares))) as runs:
            bundles = [bundle for bundle in runs.map(run, range(len(shares))) if bundle]
        if len(bundles) > 1:
            merge(bundles, site / folder)
            return
        shutil.rmtree(site / folder, ignore_errors=True)
        os.replace(bundles[0], site / folder)


def _split(pages: list[Path], size: int) -> list[list[Path]]:
    return [pages[first:first + size] for first in range(0, len(pages), size)]


def _copy_indexed(page: Path, target: Path, any_marked: bool) -> bool:
    """The page as Pagefind reads it: where its body is marked as our template marks it, its
    head and its marked body (what lies outside is never indexed; without it Pagefind parses
    pages about 40% faster); nothing where other pages are marked and this one is not (Pagefind
    leaves it out); else the whole page."""
    html = page.read_bytes()
    if any_marked and MARK not in html:
        return False
    start, end = html.find(BODY_START), html.rfind(BODY_END)
    head = html.find(b"</head>")
    target.parent.mkdir(parents=True, exist_ok=True)
    if start < 0 or end < start or not 0 <= head < start:
        target.write_bytes(html)
    else:
        target.write_bytes(html[:head] + b"</head><body>" + html[start:end] + b"</body></html>")
    return True


def merge(bundles: list[Path], out: Path) -> None:
    """One Pagefind bundle in `out` from the bundles of several shares of the pages."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(bundles[0], out, ignore=shutil.ignore_patterns(
        "pagefind-entry.json", "*.pf_meta", "index", "fragment", "filter"))
    for sub in ("index", "fragment", "filter"):
        (out / sub).mkdir()
    entries = [json.loads((b / "pagefind-entry.json").read_text("utf-8")) for b in bundles]
    merged = dict(entries[0])
    merged["languages"] = {}
    for language in sorted({lang for entry in entries for lang in entry["languages"]}):
        parts = [(b, e["languages"][language]) for b, e in zip(bundles, entries, strict=True)
                 if language in e["languages"]]
        about = dict(parts[0][1])
        about["hash"], about["page_count"] = _merge_language(parts, out, language)
        merged["languages"][language] = about
    (out / "pagefind-entry.json").write_text(
        json.dumps(merged, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _merge_language(parts: list[tuple[Path, dict[str, Any]]], out: Path, language: str
                    ) -> tuple[str, int]:
    metas = [read_pagefind(bundle / f"pagefind.{about['hash']}.pf_meta")
             for bundle, about in parts]
    if any(meta[4] for meta in metas):
        raise BuildError("pagefind: sorted results (data-pagefind-sort) cannot be merged")
    offsets: list[int] = []
    pages: list[list[Any]] = []
    for (bundle, _), meta in zip(parts, metas, strict=True):
        offsets.append(len(pages))
        pages += [[_move_fragment(bundle, out, page_hash), count] for page_hash, count in meta[1]]
    shares = [(bundle, meta[2], offset)
              for (bundle, _), meta, offset in zip(parts, metas, offsets, strict=True)]

    def merge_ranges(ranges: Sequence[WordRange]) -> list[tuple[WordRange, list[Written]]]:
        with paused_collector():   # millions of lists of numbers, none in a cycle
            return [(words, _merged_words(shares, words, out / "index", language))
                    for words in ranges]
    merged = in_shares(_by_weight(WORD_RANGES, shares), merge_ranges, "pagefind merge")
    written = [chunk for _, chunks in sorted(part for done in merged for part in done)
               for chunk in chunks]
    chunks = [[first, last, name] for first, last, name in _named(written)]
    filters = _merged_filters(parts, metas, offsets, out, language)
    fields = list(dict.fromkeys(field for meta in metas for field in meta[5]))
    meta = [metas[0][0], pages, chunks, filters, [], fields]
    return write_pagefind(out, "pagefind.", language, meta, 10, ".pf_meta"), len(pages)


def _merged_filters(parts: list[tuple[Path, dict[str, Any]]], metas: list[list[Any]],
                    offsets: list[int], out: Path, language: str) -> list[list[str]]:
    """Each filter's values with the pages of every share (stabilise() sorts them later)."""
    values: dict[str, dict[str, list[int]]] = {}
    for (bundle, _), meta, offset in zip(parts, metas, offsets, strict=True):
        for name, filter_hash in meta[3]:
            _, pairs = read_pagefind(bundle / "filter" / f"{filter_hash}.pf_filter")
            into = values.setdefault(name, {})
            for value, pages in pairs:
                into.setdefault(value, []).extend(page + offset for page in pages)
    return [[key, write_pagefind(out / "filter", "", language,
                                 [key, [[v, p] for v, p in sorted(by_value.items())]], 12,
                                 ".pf_filter")]
            for key, by_value in sorted(values.items())]


def _move_fragment(bundle: Path, out: Path, page_hash: str) -> str:
    """Move a page's fragment across; the same name with other bytes gets a longer name."""
    source = bundle / "fragment" / f"{page_hash}.pf_fragment"
    target = out / "fragment" / source.name
    if target.exists() and target.read_bytes() != source.read_bytes():
        page_hash = f"{page_hash}{hashlib.sha256(source.read_bytes()).hexdigest()[:8]}"
        target = out / "fragment" / f"{page_hash}.pf_fragment"
    os.replace(source, target)
    return page_hash


def _merged_words(shares: list[tuple[Path, list[list[str]], int]], words: WordRange,
                  folder: Path, language: str) -> list[Written]:
    """The words of every share in one range, joined and written a chunk a file."""
    streams = [_words(bundle, chunks, offset, words) for bundle, chunks, offset in shares]
    return [(chunk[0][0], chunk[-1][0],
             write_pagefind(folder, "", language, [chunk], 12, ".pf_index"))
            for chunk in _chunks(_joined(heapq.merge(*streams, key=lambda w: w[0])))]


def _words(bundle: Path, chunks: list[list[str]], offset: int, words: WordRange
           ) -> Iterator[Word]:
    """A share's words in a range, in order, a chunk at a time. Page numbers go from the page
    before, so moving a share's pages up moves only each list's first number."""
    low, high = words
    for first, last, chunk in chunks:
        # a chunk's words run from its first prefix to words that begin with its last
        if (high and first >= high) or last + LAST_CHARACTER < low:
            continue
        for word, pages, variants in read_pagefind(bundle / "index" / f"{chunk}.pf_index")[0]:
            if low <= word and (not high or word < high):
                yield [word, _moved(pages, offset),
                       [[written, _moved(seen, offset)] for written, seen in variants]]


def _by_weight(ranges: list[WordRange], shares: list[tuple[Path, list[list[str]], int]]
               ) -> list[WordRange]:
    """The ranges, heaviest first (by the bytes of the chunks that begin in them), so dealing
    them out every n-th gives each worker about as much."""
    weight = dict.fromkeys(ranges, 0)
    for bundle, chunks, _ in shares:
        for first, _, chunk in chunks:
            into = next(r for r in reversed(ranges) if r[0] <= first)
            weight[into] += (bundle / "index" / f"{chunk}.pf_index").stat().st_size
    return sorted(ranges, key=lambda r: (-weight[r], r))


def _moved(pages: list[list[Any]], offset: int) -> list[list[Any]]:
    if pages:
        pages[0][0] += offset
    return pages


def _appended(pages: list[list[Any]], more: list[list[Any]]) -> list[list[Any]]:
    """Two lists of pages, the second's pages all after the first's, as one."""
    if pages and more:
        more[0][0] -= sum(map(itemgetter(0), pages))
    return pages + more


def _joined(words: Iterator[Word]) -> Iterator[Word]:
    """Equal words of several shares as one: their pages in share order, their spellings too."""
    current: Word | None = None
    for word in words:
        if current is not None and current[0] == word[0]:
            current[1] = _appended(current[1], word[1])
            spellings = {written: seen for written, seen in current[2]}
            for written, seen in word[2]:
                spellings[written] = _appended(spellings.get(written, []), seen)
            current[2] = [[written, seen] for written, seen in spellings.items()]
            continue
        if current is not None:
            yield current
        current = word
    if current is not None:
        yield current


def _chunks(words: Iterator[Word]) -> Iterator[list[Word]]:
    """Words a chunk at a time, each chunk ending once it holds CHUNK_LOCATIONS locations."""
    chunk: list[Word] = []
    size = 0
    for word in words:
        chunk.append(word)
        size += sum(map(len, map(itemgetter(1), word[1]))) + len(word[1])
        if size >= CHUNK_LOCATIONS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _named(chunks: list[Written]) -> Iterator[Written]:
    """Each chunk's file with the prefixes that name it: from its first word (shortened to what
    tells it from the chunk before) to its last (shortened to what tells it from the next)."""
    previous: Written | None = None
    start = ""
    for chunk in chunks:
        if previous is None:
            start = chunk[0]
        else:
            last, first = previous[1], chunk[0]
            common = 0
            while common < min(len(last), len(first)) and last[common] == first[common]:
                common += 1
            yield start, last[:common + 1], previous[2]
            start = first[:common + 1]
        previous = chunk
    if previous is not None:
        yield start, previous[1], previous[2]
