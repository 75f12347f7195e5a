"""Benchmark: the generator and MkDocs at 1x, 10x and 100x the bundled content, and with 5,000
imported ACLED incidents (`make bench`).

For every scale it writes the synthetic corpus (generator/corpus.py; 1x is the bundled content),
then, K times and side by side:
  1. a full build (`generate` + `mkdocs build`, i.e. what `make site` does) in a fresh process,
     from an empty docs folder, reading the per-stage timings of its BuildReport;
  2. a bare `mkdocs build` of the very pages that build generated, in a fresh process.
It prints the medians, the ratio (generate + mkdocs) / bare, peak memory, site and page sizes,
search index and map payloads, and the linker's throughput, and writes them to bench/results.json.

Peak memory is ru_maxrss from os.wait4() on each measured process: the peak resident set of that
process or of any of its children, whichever is largest (Linux reports kB). The full build's
child also reports its own peak (the generator) and its children's (MkDocs) separately.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STAGES = ("load", "model", "link", "maps", "data", "feed", "render", "write")
# the open data files whose size the table prints (data/profiles/*.json are summed in one row)
DATA_FILES = ("data/briefing.ftm.json", "data/profiles.json", "data/roles.csv",
              "data/relations.csv", "data/designations.csv", "data/claims.csv",
              "data/documents.csv", "feed.xml")


def child(content: str, docs: str) -> None:
    """Run in a fresh process: one full build; print its figures as JSON on stdout."""
    from generator.pipeline import build_site
    started = time.perf_counter()
    report = build_site(Path(content), Path(docs), Path(docs).parent / "site")
    wall = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": report.seconds, "pages": report.pages, "in_process": wall,
                      "generator_peak_kb": own}))


def measured(command: list[str], env: dict[str, str] | None = None
             ) -> tuple[float, float, int, str, int]:
    """Run command; (wall seconds, CPU seconds, peak RSS kB of it or its largest child, stdout,
    peak PSS kB of all its processes alive at once, sampled every quarter second).

    The CPU time (user + system, children included) is what contention on a shared machine
    disturbs least; the wall time is what a user waits."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT, env=env)
        together = TreeMemory(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{stderr}{stdout}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, stdout, together.stop()


class TreeMemory:
    """The largest sum of the proportional set sizes (PSS: a page shared by n processes counts
    1/n in each, so forked workers are not counted twice) of a process and its descendants,
    sampled in a thread (ru_maxrss gives only the largest single process)."""

    def __init__(self, root: int) -> None:
        self.root, self.peak_kb, self.done = root, 0, threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def stop(self) -> int:
        self.done.set()
        self.thread.join()
        return self.peak_kb

    def _sample(self) -> None:
        while True:   # the first sample at once: a short process is measured too
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _tree(self.root)))
            if self.done.wait(0.25):
                return


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text(errors="replace")
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _pss_kb(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    line = next((line for line in rollup.splitlines() if line.startswith("Pss:")), "")
    return int(line.split()[1]) if line else 0


def bare_config(docs: Path, site: Path) -> Path:
    """The config the generator gives MkDocs (pipeline._config_for: mkdocs.yml, this docs folder).

    Written here as JSON (which is YAML) so that this parent process imports nothing heavy:
    a forked child's ru_maxrss starts at its parent's size."""
    config = docs.parent / "mkdocs.bare.yml"
    config.write_text(json.dumps({
        "INHERIT": str(ROOT / "mkdocs.yml"), "docs_dir": str(docs.resolve()),
        "site_dir": str(site.resolve()),
        "theme": {"custom_dir": str(ROOT / "site_templates" / "overrides")}}), encoding="utf-8")
    return config


def tree_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def site_figures(site: Path) -> dict[str, object]:
    pages = sorted(((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")
                    if p.relative_to(site).parts[0] != "maps"), reverse=True)
    maps = sorted(((p.stat().st_size, p.relative_to(site).as_posix())
                   for p in (site / "maps").glob("*.html")), reverse=True) if (site / "maps").is_dir() else []
    geojson = sorted(((p.stat().st_size, p.relative_to(site).as_posix())
                      for p in site.rglob("*.geojson") if "incident" in p.name), reverse=True)
    data = {name: (site / name).stat().st_size if (site / name).is_file() else 0
            for name in DATA_FILES}
    data["data/profiles/*.json"] = tree_size(site / "data" / "profiles") \
        if (site / "data" / "profiles").is_dir() else 0
    shards = [p.stat().st_size for p in (site / "assets" / "search" / "names").glob("*.json")]
    return {
        "data_bytes": data,
        "site_bytes": tree_size(site), "html_pages": len(pages),
        "largest_pages": [{"bytes": b, "path": p} for b, p in pages[:3]],
        "name_index_bytes": sum(shards), "name_index_files": len(shards),
        "name_index_largest_shard": max(shards, default=0),
        "pagefind_bytes": tree_size(site / "pagefind") if (site / "pagefind").is_dir() else 0,
        "largest_map": {"bytes": maps[0][0], "path": maps[0][1]} if maps else None,
        "map_files": len(maps),
        "incidents_geojson": {"bytes": geojson[0][0], "path": geojson[0][1]} if geojson else None,
    }


def linker_throughput(content: Path, runs: int) -> dict[str, float]:
    """MB/s of link_documents over the corpus documents' text (median of runs, in process)."""
    from generator.mentions import document_text, link_documents, make_linker
    from generator.pipeline import load_catalogue
    catalogue = load_catalogue(content)
    megabytes = sum(len(document_text(d)[0].encode("utf-8"))
                    for d in catalogue.documents.values()) / 1e6
    linker = make_linker(catalogue)
    times = []
    for _ in range(max(runs, 3)):
        started = time.perf_counter()
        link_documents(catalogue, linker)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    return {"megabytes": round(megabytes, 3), "seconds": round(median, 4),
            "mb_per_s": round(megabytes / median, 2)}


def figures_child(content: str, site: str, runs: str) -> None:
    """Run in a fresh process: site sizes and linker throughput, as JSON on stdout."""
    print(json.dumps({**site_figures(Path(site)),
                      "linker": linker_throughput(Path(content), int(runs))}))


SEARCH_QUERIES = {"name": ["Qais al-Khazali", "حشد", "KH", "Khazaali"],
                  "full text": ["rocket embassy", "Camp Taji"]}
# besides cold (focus and type at once): the reader points at the box, clicks it, and types a
# second later, so the engine and the first bundle's metadata have loaded meanwhile
WARM = ("full text, box focused first", "full text")
WARM_PAUSE_MS = 1000
SEARCH_PAGE = "leaders/qais-al-khazali/"   # a profile page of the bundled content, in every corpus
SEARCH_RUNS = 5
FIRST_RESULT = """async (query) => {
    // cold: the reader focuses the box and types at once; the clock runs from the keystroke to
    // the frame that first shows a result (a MutationObserver sees it inserted, the next
    // animation frame is the one that paints it; polling on a timer would wait behind the page's
    // own work)
    const input = document.querySelector('#briefing-search-input');
    const list = document.querySelector('.briefing-search__results');
    const shown = new Promise(done => {
        new MutationObserver((_, observer) => {
            if (!list.querySelector('.briefing-search__item')) { return; }
            observer.disconnect();
            fetch('/__first-result__', {cache: 'no-store'});  // tells the server: bytes stop here
            requestAnimationFrame(() => done(performance.now()));
        }).observe(list, {childList: true, subtree: true});
    });
    input.focus();
    const typed = performance.now();
    input.value = query;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    return {ms: (await shown) - typed};
}"""
SEARCH_FILES = ("/pagefind/", "/assets/search/", "search_index")
FIRST_RESULT_MARK = "/__first-result__"


def open_page(browser: Any, url: str) -> tuple[Any, float]:
    """A fresh context with the page loaded and the network quiet: (context, when it opened).
    On this shared machine a load now and then never goes quiet; such a page is opened anew."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    for attempt in range(3):
        context = browser.new_context()
        page = context.new_page()
        opened = time.perf_counter()
        try:
            page.goto(url, wait_until="networkidle", timeout=60_000)
            return context, opened
        except PlaywrightTimeout:
            context.close()
            print(f"  {url} did not go quiet in 60 s (attempt {attempt + 1})", file=sys.stderr)
    raise SystemExit(f"{url} never finished loading")


def search_child(site: str) -> None:
    """Run in a fresh process: time and bytes from the first keystroke to the first result, in
    headless Chromium on the built site, each query in a fresh browser (nothing cached): cold
    (focus and type at once), and for full text also warm (pointed at, clicked, typed a second
    later). The server counts the bytes it sends (a page's resource timings miss a worker's)."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright
    served: list[tuple[float, str, int]] = []
    marks: list[float] = []

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            if self.path == FIRST_RESULT_MARK:  # the page has a result: what came before counts
                marks.append(time.perf_counter())
                self.send_response(204)
                self.end_headers()
                return
            try:
                super().do_GET()
            except (BrokenPipeError, ConnectionResetError):
                return  # the browser was closed mid-transfer; that file does not count
            path = Path(self.translate_path(self.path))
            size = path.stat().st_size if path.is_file() else 0
            served.append((time.perf_counter(), self.path, size))

    def sent(start: float, end: float, search_only: bool = False) -> int:
        return sum(size for at, path, size in served if start <= at <= end
                   and (not search_only or any(part in path for part in SEARCH_FILES)))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    figures: dict[str, object] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        on_load, loads = [], []
        modes = [(kind, queries, False) for kind, queries in SEARCH_QUERIES.items()]
        modes.append((WARM[0], SEARCH_QUERIES[WARM[1]], True))
        for kind, queries, warm in modes:
            runs = []
            for query in queries:
                for _ in range(SEARCH_RUNS):
                    context, opened = open_page(browser, base + SEARCH_PAGE)
                    page = context.pages[0]
                    started = time.perf_counter()
                    on_load.append(sent(opened, started, search_only=True))
                    if warm:
                        page.hover(".briefing-search")
                        page.click("#briefing-search-input")
                        page.wait_for_timeout(WARM_PAUSE_MS)
                    marks.clear()
                    shown = page.evaluate(FIRST_RESULT, query)
                    page.wait_for_timeout(100)  # the mark's request reaches the server
                    # bytes since the reader first touched the box (cold: the keystroke) until
                    # the page had its first result
                    ended = marks[0] if marks else time.perf_counter()
                    runs.append({"query": query, **shown, "bytes": sent(started, ended)})
                    loads.append(os.getloadavg()[0])
                    context.close()
            figures[kind] = {
                "ms_median": round(statistics.median(r["ms"] for r in runs), 1),
                "ms_max": round(max(r["ms"] for r in runs), 1),
                "bytes_median": int(statistics.median(r["bytes"] for r in runs)),
                "bytes_max": max(r["bytes"] for r in runs),
                "runs": len(runs)}
        figures["search_bytes_on_page_load"] = max(on_load)
        browser.close()
    # how busy the machine was: the 1-minute load average after each run, median and max
    figures["load_average"] = round(statistics.median(loads), 1)
    figures["load_average_max"] = round(max(loads), 1)
    server.shutdown()
    print(json.dumps(figures))


def corpus_child(scale: str) -> None:
    from generator.corpus import write_corpus
    started = time.perf_counter()
    path = write_corpus(ROOT / "content", int(scale))
    print(json.dumps({"path": str(path), "seconds": time.perf_counter() - started}))


def acled_child(rows: str, out: str) -> None:
    """Run in a fresh process: the bundled content plus `rows` synthetic ACLED events imported
    with import-acled, under `out`; print its path and the import's seconds as JSON."""
    from generator.acled import import_acled
    from generator.corpus import write_acled_export
    content = Path(out) / "content"
    shutil.rmtree(Path(out), ignore_errors=True)
    shutil.copytree(ROOT / "content", content)
    export = write_acled_export(Path(out) / "acled-synthetic.csv", int(rows))
    started = time.perf_counter()
    report = import_acled(export, content)
    print(json.dumps({"path": str(content), "seconds": time.perf_counter() - started,
                      "written": len(report.written)}))


def bench_scale(scale: int, runs: int, work: Path, acled_rows: int = 0) -> dict[str, object]:
    env = {**os.environ, "BRIEFING_PROGRESS": "0"}
    python = sys.executable
    content, corpus_seconds = ROOT / "content", 0.0
    if acled_rows:  # the bundled content plus imported ACLED events
        made = json.loads(measured([python, __file__, "--acled-corpus", str(acled_rows),
                                    str(work / f"acled-{acled_rows}-content")], env)[3])
        content, corpus_seconds = Path(made["path"]), made["seconds"]
    elif scale > 1:  # 1x is the bundled content itself
        made = json.loads(measured([python, __file__, "--corpus", str(scale)], env)[3])
        content, corpus_seconds = Path(made["path"]), made["seconds"]
    build = work / (f"acled-{acled_rows}" if acled_rows else f"scale-{scale}")
    shutil.rmtree(build, ignore_errors=True)
    bare_docs, bare_site = build / "bare-docs", build / "bare-site"
    full_runs, bare_runs = [], []

    def full() -> None:
        docs = build / "docs"
        shutil.rmtree(docs, ignore_errors=True)
        shutil.rmtree(build / "site", ignore_errors=True)
        docs.mkdir(parents=True)  # a clean build, as in CI
        wall, cpu, peak, stdout, together = measured(
            [python, __file__, "--child", str(content), str(docs)], env)
        full_runs.append({"wall": wall, "cpu": cpu, "peak_kb": peak, "together_kb": together,
                          **json.loads(stdout.strip().splitlines()[-1])})
        if not bare_docs.exists():
            shutil.copytree(docs, bare_docs)

    def bare() -> None:
        shutil.rmtree(bare_site, ignore_errors=True)
        config = bare_config(bare_docs, bare_site)
        # the very command pipeline._run_engine runs (no --quiet: see there)
        wall, cpu, peak, _, together = measured(
            [python, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
            {**env, "SOURCE_DATE_EPOCH": "1735689600"})
        bare_runs.append({"wall": wall, "cpu": cpu, "peak_kb": peak, "together_kb": together})

    for run in range(runs):  # side by side, alternating which goes first
        for step in ((full, bare) if run % 2 == 0 else (bare, full)):
            step()
        print(f"  {scale}x run {run + 1}/{runs}: make site {full_runs[-1]['wall']:.1f}s "
              f"(cpu {full_runs[-1]['cpu']:.1f}s), bare mkdocs {bare_runs[-1]['wall']:.1f}s "
              f"(cpu {bare_runs[-1]['cpu']:.1f}s)", file=sys.stderr, flush=True)
    med = statistics.median
    stages = {name: round(med([r["seconds"].get(name, 0.0) for r in full_runs]), 3)
              for name in [*STAGES, "mkdocs"]
              if any(name in r["seconds"] for r in full_runs)}
    generator_seconds = [sum(v for k, v in r["seconds"].items() if k != "mkdocs")
                         for r in full_runs]
    pairs = list(zip(full_runs, bare_runs, strict=True))
    figures = json.loads(measured([python, __file__, "--figures", str(content),
                                   str(build / "site"), str(runs)], env)[3])
    figures["search"] = json.loads(measured([python, __file__, "--search", str(build / "site")],
                                            env)[3])
    return {
        "scale": scale, "runs": runs, "content": str(content),
        "label": f"+{acled_rows:,} ACLED" if acled_rows else f"{scale}x",
        "corpus_write_seconds": round(corpus_seconds, 2),
        "pages": full_runs[0]["pages"],
        "stages_seconds": stages,
        "generator_seconds": round(med(generator_seconds), 3),
        "make_site_seconds": round(med([r["wall"] for r in full_runs]), 2),
        "bare_mkdocs_seconds": round(med([b["wall"] for b in bare_runs]), 2),
        "make_site_cpu_seconds": round(med([r["cpu"] for r in full_runs]), 2),
        "bare_mkdocs_cpu_seconds": round(med([b["cpu"] for b in bare_runs]), 2),
        "ratio_site_over_bare": round(med([f["wall"] / b["wall"] for f, b in pairs]), 3),
        "ratio_site_over_bare_cpu": round(med([f["cpu"] / b["cpu"] for f, b in pairs]), 3),
        "ratios_wall": [round(f["wall"] / b["wall"], 3) for f, b in pairs],
        "generator_share": round(med([g / f["wall"] for g, f in zip(generator_seconds, full_runs,
                                                                      strict=True)]), 3),
        "peak_kb_generator": int(med([r["generator_peak_kb"] for r in full_runs])),
        "peak_kb_mkdocs": int(med([b["peak_kb"] for b in bare_runs])),
        "peak_kb_make_site_tree": int(med([r["peak_kb"] for r in full_runs])),
        "peak_kb_make_site_together": int(med([r["together_kb"] for r in full_runs])),
        "peak_kb_mkdocs_together": int(med([b["together_kb"] for b in bare_runs])),
        **figures,
    }


def kb(value: float) -> str:
    return f"{value / 1024:.1f} MB" if value >= 1024 else f"{value:.0f} kB"


def size(value: float) -> str:
    return f"{value / 1e6:.2f} MB" if value >= 1e6 else f"{value / 1e3:.1f} kB"


def search_rows(results: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """Time to the first result and the bytes fetched for it, per kind of query."""
    rows = []
    for kind, label, bytes_label in (
            ("name", "first result, name query", "bytes before it, name query"),
            ("full text", "first result, full text", "bytes before it, full text"),
            (WARM[0], "first result, full text, box focused 1 s first",
             "bytes from pointing at the box")):
        figures = [r["search"][kind] for r in results]
        rows.append((f"{label} (median/max)",
                     [f"{f['ms_median']:.0f} / {f['ms_max']:.0f} ms" for f in figures]))
        rows.append((f"{bytes_label} (median/max)",
                     [f"{size(f['bytes_median'])} / {size(f['bytes_max'])}" for f in figures]))
    return rows


def table(results: list[dict[str, object]]) -> str:
    scales = [str(r.get("label") or f"{r['scale']}x") for r in results]
    rows: list[tuple[str, list[str]]] = [
        ("runs (median of)", [str(r["runs"]) for r in results]),
        ("pages generated", [str(r["pages"]) for r in results]),
    ]
    for name in [*STAGES, "mkdocs"]:
        if any(name in r["stages_seconds"] for r in results):
            label = "MkDocs (in make site)" if name == "mkdocs" else f"generator: {name}"
            rows.append((label, [f"{r['stages_seconds'].get(name, 0):.2f} s" for r in results]))
    rows += [
        ("generator total", [f"{r['generator_seconds']:.2f} s" for r in results]),
        ("make site (whole process)", [f"{r['make_site_seconds']:.2f} s" for r in results]),
        ("bare mkdocs build, same pages", [f"{r['bare_mkdocs_seconds']:.2f} s" for r in results]),
        ("ratio make site / bare (wall)", [f"{r['ratio_site_over_bare']:.2f}" for r in results]),
        ("make site CPU time", [f"{r['make_site_cpu_seconds']:.2f} s" for r in results]),
        ("bare mkdocs CPU time", [f"{r['bare_mkdocs_cpu_seconds']:.2f} s" for r in results]),
        ("ratio make site / bare (CPU)", [f"{r['ratio_site_over_bare_cpu']:.2f}" for r in results]),
        ("generator share of make site", [f"{r['generator_share']:.0%}" for r in results]),
        ("peak RSS make site (its largest process)", [kb(r["peak_kb_make_site_tree"])
                                                      for r in results]),
        ("peak RSS bare mkdocs build", [kb(r["peak_kb_mkdocs"]) for r in results]),
        ("peak make site / bare", [f"{r['peak_kb_make_site_tree'] / r['peak_kb_mkdocs']:.2f}"
                                   for r in results]),
        ("peak PSS make site, all its processes at once (sampled)",
         [kb(r["peak_kb_make_site_together"]) for r in results]),
        ("peak PSS bare mkdocs build (sampled)", [kb(r["peak_kb_mkdocs_together"])
                                                  for r in results]),
        ("peak at once make site / bare", [
            f"{r['peak_kb_make_site_together'] / r['peak_kb_mkdocs_together']:.2f}"
            if r["peak_kb_mkdocs_together"] else "- (no PSS: /proc/*/smaps_rollup unreadable)"
            for r in results]),
        ("site size", [size(r["site_bytes"]) for r in results]),
        ("HTML pages (maps excluded)", [str(r["html_pages"]) for r in results]),
        ("largest page", [f"{size(r['largest_pages'][0]['bytes'])} {r['largest_pages'][0]['path']}"
                          for r in results]),
        ("name index (all shards)", [f"{size(r['name_index_bytes'])} in {r['name_index_files']} "
                                     "files" for r in results]),
        ("name index, largest shard", [size(r["name_index_largest_shard"]) for r in results]),
        ("Pagefind bundle (all files)", [size(r["pagefind_bytes"]) for r in results]),
        ("search bytes on page load", [size(r["search"]["search_bytes_on_page_load"])
                                       for r in results]),
        ("load average while timing search (median/max)",
         [f"{r['search']['load_average']} / {r['search'].get('load_average_max', '-')}"
          for r in results]),
        *search_rows(results),
        ("largest map (maps/*.html)", [f"{size(r['largest_map']['bytes'])} {r['largest_map']['path']}"
                                        if r["largest_map"] else "-" for r in results]),
        ("incidents GeoJSON", [size(r["incidents_geojson"]["bytes"]) if r["incidents_geojson"]
                               else "-" for r in results]),
        *[(f"{name}", [size(r["data_bytes"][name]) for r in results])
          for name in [*DATA_FILES, "data/profiles/*.json"]],
        ("linker throughput", [f"{r['linker']['mb_per_s']:.1f} MB/s ({r['linker']['megabytes']:.1f} MB)"
                               for r in results]),
        ("corpus write (ACLED: the import)", [f"{r['corpus_write_seconds']:.1f} s"
                                              for r in results]),
    ]
    header = "| | " + " | ".join(scales) + " |\n|---|" + "---|" * len(scales) + "\n"
    return header + "".join(f"| {label} | " + " | ".join(cells) + " |\n" for label, cells in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100", help="comma-separated, e.g. 1,10")
    parser.add_argument("--runs", type=int, default=None,
                        help="runs per scale (default: 3, but 1 at 100x and above)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--child", nargs=2, metavar=("CONTENT", "DOCS"), help=argparse.SUPPRESS)
    parser.add_argument("--figures", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--acled", type=int, default=5000,
                        help="also build the bundled content plus this many imported ACLED "
                             "incidents (0: skip; default 5000)")
    parser.add_argument("--acled-corpus", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--search", metavar="SITE",
                        help="only measure search on a built site folder (JSON on stdout)")
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    if args.figures:
        figures_child(*args.figures)
        return 0
    if args.corpus:
        corpus_child(args.corpus)
        return 0
    if args.acled_corpus:
        acled_child(*args.acled_corpus)
    if args.search:
        search_child(args.search)
        return 0
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    results = []
    for scale in scales:
        runs = args.runs or (3 if scale < 100 else 1)
        note = "" if args.runs or scale < 100 else " (1 run only at this scale: it is slow)"
        print(f"scale {scale}x: {runs} run{'s' if runs != 1 else ''}{note}", file=sys.stderr,
              flush=True)
        results.append(bench_scale(scale, runs, args.work))
        args.out.write_text(json.dumps({"results": results, "python": sys.version.split()[0],
                                        "cpus": os.cpu_count()}, indent=2) + "\n")
    if args.acled:
        runs = args.runs or 1
        print(f"bundled content + {args.acled:,} imported ACLED incidents: {runs} run"
              f"{'s' if runs != 1 else ''}", file=sys.stderr, flush=True)
        results.append(bench_scale(1, runs, args.work, acled_rows=args.acled))
        args.out.write_text(json.dumps({"results": results, "python": sys.version.split()[0],
                                        "cpus": os.cpu_count()}, indent=2) + "\n")
    print(table(results))
    single = [str(r["label"]) for r in results if r["runs"] == 1]
    if single:
        print(f"Figures at {', '.join(single)} are from one run only; the others are medians.")
    print("Times: wall seconds (median); CPU = user + system of the process and its children.")
    print("Peak memory: ru_maxrss from os.wait4() (the largest single process), and the largest "
          "sum of PSS over all the processes alive at once (forked workers and Pagefind runs), "
          "sampled every 0.25 s.")
    print(f"Written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
