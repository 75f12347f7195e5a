"""Benchmark: edit to visible in the live preview (`make serve`), at 1x, 20x and 100x.

    .venv/bin/python bench/edit_to_visible.py --scales "1 20 100" --runs 5

For each scale the preview runs on a copy of the content (1x: the bundled content; Nx: the
synthetic corpus of generator/corpus.py) on a free port. A profile, a document and an incident
are edited in turn, RUNS times each; the figure is the time from the moment the file is saved
until the page fetched over HTTP from the preview shows the new text, as a person waiting in
front of the browser would see it (median per kind). The first page view after start is timed
apart. Results go to bench/edit_to_visible.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
KINDS = {  # files of the bundled content, present in every synthetic corpus too
    "profile": ("leaders/qais-al-khazali.md", "leaders/qais-al-khazali/"),
    "document": ("documents/afp-2019-10-22-protest-deaths-inquiry.md",
                 "documents/afp-2019-10-22-protest-deaths-inquiry/"),
    "incident": ("incidents/2019-10-01-tahrir-square-protest-shootings.yml",
                 "incidents/2019-10-01-tahrir-square-protest-shootings/"),
}


def page_text(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def mark(path: Path, kind: str, previous: str | None, marker: str) -> None:
    """Put marker where the file's page shows it (in place of the previous marker)."""
    text = path.read_text(encoding="utf-8")
    if previous:
        text = text.replace(previous, marker, 1)
    elif kind == "profile":
        text = text.replace("summary: >-\n  ", f"summary: >-\n  {marker} ", 1)
    elif kind == "document":  # the first line of the body
        head, _, body = text.partition("\n---\n")
        text = f"{head}\n---\n{marker} {body.lstrip()}"
    else:
        text = re.sub(r"^title: (.*)$", lambda m: f"title: {m[1]} {marker}", text, count=1,
                      flags=re.M)
    assert marker in text, (path, kind)
    path.write_text(text, encoding="utf-8")


def content_for(scale: int) -> Path:
    if scale == 1:
        return ROOT / "content"
    corpus = ROOT / "build" / f"corpus-{scale}"
    if not corpus.is_dir():
        subprocess.run([sys.executable, "-m", "generator", "corpus", "--scale", str(scale)],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return corpus


def edit_to_visible(scale: int, runs: int, work: Path) -> dict[str, Any]:
    folder = work / f"edit-{scale}"
    shutil.rmtree(folder, ignore_errors=True)
    content = folder / "content"
    shutil.copytree(content_for(scale), content)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = folder / "serve.log"
    started = time.perf_counter()
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "--content", str(content), "serve", "--out",
             str(folder / "out" / "docs"), "--addr", f"127.0.0.1:{port}"],
            cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1", "BRIEFING_PROGRESS": "0"})

    def shown(url: str, text: str) -> None:
        while text not in page_text(base + url):
            if process.poll() is not None:
                raise SystemExit(f"the preview exited:\n{log.read_text()[-3000:]}")
            time.sleep(0.02)
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    try:
        shown(KINDS["profile"][1], "Qais")
        startup = time.perf_counter() - started
        print(f"  {scale}x preview up, first page shown after {startup:.1f} s", file=sys.stderr,
              flush=True)
        for _, url in KINDS.values():   # each page viewed once before it is edited
            shown(url, "</html>")
        previous: dict[str, str | None] = dict.fromkeys(KINDS)
        for run in range(runs):
            for kind, (path, url) in KINDS.items():
                marker = f"Benchmark{kind.capitalize()}{run}Zq"
                mark(content / path, kind, previous[kind], marker)
                saved = time.perf_counter()
                shown(url, marker)
                times[kind].append(time.perf_counter() - saved)
                previous[kind] = marker
                print(f"  {scale}x {kind} edit {run + 1}/{runs}: visible after "
                      f"{times[kind][-1]:.2f} s", file=sys.stderr, flush=True)
                time.sleep(0.5)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
    pages = re.search(r"(\d+) pages ready", log.read_text("utf-8"))
    return {"scale": scale, "runs": runs, "pages": int(pages[1]) if pages else None,
            "startup_seconds": round(startup, 2), "load_average": round(os.getloadavg()[0], 1),
            "edit_to_visible_seconds": {k: round(statistics.median(v), 2) for k, v in times.items()},
            "edit_to_visible_max": {k: round(max(v), 2) for k, v in times.items()},
            "edit_to_visible_all": {k: [round(x, 2) for x in v] for k, v in times.items()}}


def table(results: list[dict[str, Any]]) -> str:
    scales = [f"{r['scale']}x" for r in results]
    rows = [("pages", [str(r["pages"]) for r in results]),
            ("edits per kind (median of)", [str(r["runs"]) for r in results]),
            ("preview start to first page", [f"{r['startup_seconds']:.1f} s" for r in results]),
            ("load average at the end", [str(r["load_average"]) for r in results])]
    for kind in KINDS:
        rows.append((f"edit to visible: {kind} (median / max)",
                     [f"{r['edit_to_visible_seconds'][kind]:.2f} / "
                      f"{r['edit_to_visible_max'][kind]:.2f} s" for r in results]))
    header = "| | " + " | ".join(scales) + " |\n|---|" + "---|" * len(scales) + "\n"
    return header + "".join(f"| {label} | " + " | ".join(cells) + " |\n" for label, cells in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1 20 100")
    parser.add_argument("--runs", type=int, default=5, help="edits per kind (median of)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "edit_to_visible.json")
    args = parser.parse_args()
    results = []
    for scale in (int(s) for s in re.split(r"[,\s]+", args.scales) if s):
        print(f"edit to visible at {scale}x: {args.runs} edits per kind", file=sys.stderr,
              flush=True)
        results.append(edit_to_visible(scale, args.runs, args.work))
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
