"""Command line: `python -m generator <command>`; content errors print as path:line, no traceback."""

from __future__ import annotations

import argparse
import errno
import logging
import os
import sys
from pathlib import Path

from generator.errors import BriefingError, ContentError

log = logging.getLogger("generator")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.run(args) or 0)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found; nothing was built.",
              file=sys.stderr)
        return 1
    except BriefingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: the last good site and content/ were left as they were",
              file=sys.stderr)
        return 130
    except OSError as error:
        if args.debug:
            raise
        print(f"error: {describe_os_error(error)}", file=sys.stderr)
        return 1
    except Exception as error:  # a bug of ours: still one line unless --debug
        if args.debug:
            raise
        print(f"internal error: {error!r} (run again with --debug for the traceback)",
              file=sys.stderr)
        return 2


def describe_os_error(error: OSError) -> str:
    """One line a person can act on, for the file-system errors a build can meet."""
    where = f" ({error.filename})" if error.filename else ""
    reasons = {errno.ENOSPC: "the disk is full", errno.EROFS: "the file system is read-only",
               errno.EACCES: "permission denied", errno.EPERM: "permission denied",
               errno.EDQUOT: "the disk quota is used up"}
    reason = reasons.get(error.errno or 0, error.strerror or str(error))
    return f"{reason}{where}: nothing was half-written; free the space or fix the permissions " \
           f"and run again"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="generator", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    parser.add_argument("--content", type=Path, default=Path(os.environ.get("BRIEFING_CONTENT", "content")),
                        help="the content folder (default: content, or $BRIEFING_CONTENT)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the content and report every problem")
    check.add_argument("--strict", action="store_true",
                       help="the curator's report's gaps (no url, no source...) are errors too")
    check.set_defaults(run=_check)
    report = commands.add_parser("report", help="the curator's report: what is left to source")
    report.set_defaults(run=_report)
    generate = commands.add_parser("generate", help="write the Markdown pages, maps and data")
    generate.add_argument("--out", type=Path, default=Path("build/docs"))
    generate.set_defaults(run=_generate)
    site = commands.add_parser("site", help="generate, then build the site with MkDocs")
    site.add_argument("--out", type=Path, default=Path("build/docs"))
    site.add_argument("--site-dir", type=Path, default=Path("site"))
    site.add_argument("--engine", default=os.environ.get("BRIEFING_ENGINE", "mkdocs"),
                      choices=["mkdocs", "zensical"])
    site.set_defaults(run=_site)
    dossiers = commands.add_parser("dossiers", help="print each profile of the built site to a "
                                   "PDF with WeasyPrint (make dossiers)")
    dossiers.add_argument("--site-dir", type=Path, default=Path("site"))
    dossiers.add_argument("--out", type=Path, default=Path("build/dossiers"))
    dossiers.set_defaults(run=_dossiers)
    serve = commands.add_parser("serve", help="preview the site, regenerating on every edit")
    serve.add_argument("--out", type=Path, default=Path("build/docs"))
    serve.add_argument("--addr", default=os.environ.get("BRIEFING_ADDR", "127.0.0.1:8000"))
    serve.set_defaults(run=_serve)
    new = commands.add_parser("new", help="write a commented file to fill in (make new)")
    new.add_argument("--kind", required=True, help="militia | leader | document | incident")
    new.add_argument("--name", required=True, help="the name or title; the file name comes from it")
    new.add_argument("--date", default=None,
                     help="incident date (default today) or document publication date")
    new.add_argument("--source", default=None,
                     help="a document slug to cite (needed for an incident)")
    new.add_argument("--outlet", default=None,
                     help="a document's publisher (needed for a document)")
    new.set_defaults(run=_new)
    suggest = commands.add_parser("suggest", help="names in documents that match no profile")
    suggest.add_argument("--limit", type=int, default=40, help="how many names to list (40)")
    suggest.set_defaults(run=_suggest)
    acled = commands.add_parser("import-acled", help="turn an ACLED CSV export into incident files")
    acled.add_argument("file", type=Path, help="the ACLED export (.csv)")
    acled.add_argument("--update", action="store_true",
                       help="apply ACLED's revisions to incidents imported before, keeping every "
                            "field an analyst edited")
    acled.add_argument("--country", default=os.environ.get("BRIEFING_COUNTRY") or "Iraq",
                       help="the countries whose rows are read, comma-separated, or 'any' "
                            "(default Iraq; rows elsewhere are left out and counted)")
    acled.set_defaults(run=_import_acled)
    fields = commands.add_parser("fields", help="write the field reference (docs/fields.md)")
    fields.add_argument("--out", type=Path, default=Path("docs/fields.md"))
    fields.set_defaults(run=_fields)
    corpus = commands.add_parser("corpus", help="write a synthetic content tree SCALE times the "
                                 "bundled one under build/corpus-SCALE")
    corpus.add_argument("--scale", type=int, default=10)
    corpus.add_argument("--out", type=Path, default=None)
    corpus.set_defaults(run=_corpus)
    return parser


def _check(args: argparse.Namespace) -> int:
    from generator.acled import read_actor_table
    from generator.curation import curator_report
    from generator.mentions import spelling_warnings
    from generator.pipeline import load_catalogue
    catalogue = load_catalogue(args.content)
    read_actor_table(args.content, catalogue)   # content/acled-actors.yml, if any, by line
    print(f"content OK: {len(catalogue.militias)} militias, {len(catalogue.leaders)} leaders, "
          f"{len(catalogue.documents)} documents, {len(catalogue.incidents)} incidents, "
          f"{len(catalogue.places)} places")
    for line in spelling_warnings(catalogue):
        print(line)
    gaps = curator_report(catalogue, catalogue.newest_date())
    counts = "; ".join(f"{count} {title}" for title, count in gaps.counts.items())
    print(f"curator's report (make report lists them): {counts}")
    if args.strict and any(gaps.counts.values()):
        for line in gaps.lines():
            print(line, file=sys.stderr)
        print("--strict: these gaps count as errors", file=sys.stderr)
        return 1
    return 0


def _report(args: argparse.Namespace) -> int:
    from generator.curation import curator_report
    from generator.pipeline import load_catalogue
    catalogue = load_catalogue(args.content)
    for line in curator_report(catalogue, catalogue.newest_date()).lines():
        print(line)
    return 0


def _generate(args: argparse.Namespace) -> int:
    from generator.pipeline import generate
    report = generate(args.content, args.out)
    print(report.summary())
    return 0


def _site(args: argparse.Namespace) -> int:
    from generator.pipeline import build_site
    report = build_site(args.content, args.out, args.site_dir, engine=args.engine)
    print(report.summary())
    return 0


def _dossiers(args: argparse.Namespace) -> int:
    import time

    from generator.dossiers import write_dossiers
    from generator.pipeline import load_catalogue
    started = time.monotonic()
    written = write_dossiers(load_catalogue(args.content), args.site_dir, args.out)
    print(f"{len(written)} dossiers → {args.out} ({time.monotonic() - started:.1f}s)")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from generator.pipeline import serve
    serve(args.content, args.out, args.addr)
    return 0


def _suggest(args: argparse.Namespace) -> int:
    from generator.pipeline import suggest_names
    for name, count in suggest_names(args.content)[: args.limit]:
        print(f"{count:5d}  {name}")
    return 0


def _import_acled(args: argparse.Namespace) -> int:
    from generator.acled import import_acled
    countries = tuple(c.strip() for c in args.country.split(",") if c.strip()) or ("Iraq",)
    report = import_acled(args.file, args.content, update=args.update, countries=countries)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(report.summary())
    return 0


def _fields(args: argparse.Namespace) -> int:
    from generator.field_reference import field_reference
    args.out.write_text(field_reference(), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def _corpus(args: argparse.Namespace) -> int:
    from generator.corpus import write_corpus
    print(write_corpus(args.content, args.scale, args.out))
    return 0


def _new(args: argparse.Namespace) -> int:
    from generator.scaffold import scaffold
    path = scaffold(args.content, args.kind, args.name, date=args.date, source=args.source,
                    outlet=args.outlet)
    print(f"wrote {path}: fill it in, then run make check")
    return 0
