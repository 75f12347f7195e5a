"""The field reference (docs/fields.md), written from the schema in generator/records.py."""

from __future__ import annotations

from generator.records import RECORDS, Spec, specs

TITLES = {"militia": "A militia, front or organisation (`content/militias/<slug>.md`)",
          "leader": "A person (`content/leaders/<slug>.md`)",
          "document": "A source document (`content/documents/<slug>.md`)",
          "incident": "An incident (`content/incidents/<date>-<slug>.yml`)",
          "place": "A place (an entry of a list in `content/places/<name>.yml`)"}


def field_reference() -> str:
    """Every field of every record kind: key, required or not, help and example."""
    lines = ["# Content fields", "",
             "Written by `make fields` from the schema in `generator/records.py`; do not edit by "
             "hand. Dates are partial: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (quote a bare year). A "
             "field marked *entries* is a list of mappings, each with the keys listed under it; "
             "a bare value stands for the first key.", ""]
    for kind, cls in RECORDS.items():
        lines += [f"## {TITLES[kind]}", "", "| field | required | what it holds | example |",
                  "|---|---|---|---|"]
        for key, (_, rule) in specs(cls).items():
            lines.append(_row(key, rule))
            if rule.entry is not None:
                inner = f"{key}[]" if rule.many else key
                lines += [_row(f"{inner}.{sub}", sub_rule)
                          for sub, (_, sub_rule) in specs(rule.entry).items()]
        lines.append("")
    return "\n".join(lines)


def _row(key: str, rule: Spec) -> str:
    shape = " (entries)" if rule.entry is not None and rule.many else \
        " (a mapping)" if rule.entry is not None else ""
    example = f"`{rule.example}`" if rule.example else ""
    cells = [f"`{key}`", "yes" if rule.required else "", f"{rule.help}{shape}", example]
    return "| " + " | ".join(cell.replace("|", "&#124;") for cell in cells) + " |"
