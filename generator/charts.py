"""Pictures drawn at build time as SVG: readable offline, nothing to run in the browser."""

from __future__ import annotations

from html import escape

from generator.maps import layer_colours
from generator.network import EDGE_COLOURS, Edge, Node

BAR, GAP, HEIGHT, LEFT, BOTTOM, TOP = 18, 4, 200, 36, 74, 16
LEGEND = 230  # width of a legend column: the longest group names at 12 px


def months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def incidents_chart(by_month: dict[str, dict[str, int]]) -> str:
    """A stacked bar chart of incidents per month, one colour per group (as on the maps)."""
    if not by_month:
        return _svg(200, 40, ['<text x="8" y="24">No incidents recorded.</text>'])
    months = months_between(min(by_month), max(by_month))
    groups = sorted({g for counts in by_month.values() for g in counts})
    colours = layer_colours(groups)
    peak = max(sum(counts.values()) for counts in by_month.values())
    scale = HEIGHT / peak
    parts = _axis(peak, scale, len(months))
    for index, month in enumerate(months):
        x, base = LEFT + index * (BAR + GAP), float(TOP + HEIGHT)
        for group in groups:
            count = by_month.get(month, {}).get(group, 0)
            if count:
                height = count * scale
                base -= height
                parts.append(f'<rect x="{x}" y="{base:.1f}" width="{BAR}" height="{height:.1f}" '
                             f'fill="{colours[group]}"><title>{escape(month)}: {count} '
                             f'{escape(group)}</title></rect>')
        if index % 3 == 0:
            parts.append(f'<text x="{x + BAR / 2}" y="{TOP + HEIGHT + 15}" font-size="12" '
                         f'text-anchor="middle">{month}</text>')
    # wide enough for every legend column, so no group's name is cut off at the right edge
    width = max(LEFT + len(months) * (BAR + GAP) + 10, LEFT + min(len(groups), 3) * LEGEND)
    parts += _legend(groups, colours, TOP + HEIGHT + 36)
    return _svg(max(width, 320), TOP + HEIGHT + BOTTOM + 18 * ((len(groups) - 1) // 3), parts,
                label="Incidents per month by attributed group; the table below gives the numbers")


def _axis(peak: int, scale: float, count: int) -> list[str]:
    right = LEFT + count * (BAR + GAP)
    parts = [f'<line x1="{LEFT - 4}" y1="{TOP + HEIGHT}" x2="{right}" y2="{TOP + HEIGHT}" '
             f'stroke="currentColor" stroke-width="1"/>']
    for tick in sorted({0, peak // 2, peak}):
        y = TOP + HEIGHT - tick * scale
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" font-size="12" '
                     f'text-anchor="end">{tick}</text>')
    return parts


def _legend(groups: list[str], colours: dict[str, str], top: int) -> list[str]:
    parts = []
    for index, group in enumerate(groups):
        x, y = LEFT + (index % 3) * LEGEND, top + (index // 3) * 18
        parts.append(f'<rect x="{x}" y="{y - 10}" width="11" height="11" fill="{colours[group]}"/>'
                     f'<text x="{x + 15}" y="{y}" font-size="12">{escape(group)}</text>')
    return parts


def _svg(width: float, height: float, parts: list[str], label: str = "Incidents per month",
         role: str = "img") -> str:
    body = "\n".join(parts)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}" font-family="sans-serif" '
            f'role="{role}" aria-label="{escape(label)}">\n{body}\n</svg>\n')


def network_svg(nodes: list[Node], edges: list[Edge], positions: dict[str, tuple[float, float]],
                href: dict[str, str], size: int = 760) -> str:
    """Nodes as labelled dots linking to their profiles, edges coloured by relation."""
    parts = ['<defs><marker id="briefing-arrow" viewBox="0 0 10 10" refX="19" refY="5" '
             'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
             '<path d="M0,0 L10,5 L0,10 z" fill="#607d8b"/></marker></defs>']
    labels = {node.slug: node.label for node in nodes}
    for edge in edges:
        (x1, y1), (x2, y2) = positions[edge.source], positions[edge.target]
        arrow = ' marker-end="url(#briefing-arrow)"' if edge.directed else ""
        parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke-width="1.5" '
                     f'stroke="{EDGE_COLOURS[edge.kind]}"{arrow}{_span(edge)}><title>'
                     f'{escape(labels[edge.source])} {escape(edge.kind)} '
                     f'{escape(labels[edge.target])}{_dates(edge)}</title></line>')
    for node in nodes:
        x, y = positions[node.slug]
        fill = "#90a4ae" if node.kind == "leader" else "#c62828" if node.kind == "patron" \
            else "#1565c0"
        parts.append(f'<a href="{escape(href[node.slug])}" target="_top">'
                     f'<circle cx="{x}" cy="{y}" r="7" fill="{fill}"/>'
                     f'<text x="{x}" y="{y - 11}" font-size="12" text-anchor="middle" '
                     f'fill="currentColor">{escape(node.label)}</text></a>')
    present = [kind for kind in EDGE_COLOURS if any(edge.kind == kind for edge in edges)]
    parts += _edge_legend(size, present)
    margin = 90  # labels of nodes on the outer ring reach past the ring itself
    rows = (len(present) + 3) // 4
    return _svg(size + 2 * margin, size + 24 + 16 * rows,
                [f'<g transform="translate({margin},0)">', *parts, "</g>"],
                label="Relations between groups, leaders and patrons; the table below lists them",
                role="group")


def _span(edge: Edge) -> str:
    """The dates a relation held, for the page's "as of" filter."""
    return "".join(f' data-{name}="{value}"' for name, value in
                   (("since", edge.since), ("until", edge.until)) if value)


def _dates(edge: Edge) -> str:
    if edge.since or edge.until:
        return f" ({edge.since or '?'} – {edge.until or 'now'})"
    return ""


def _edge_legend(size: int, present: list[str]) -> list[str]:
    parts = []
    for index, kind in enumerate(present):
        colour = EDGE_COLOURS[kind]
        x, y = 10 + (index % 4) * 180, size + 8 + (index // 4) * 16
        parts.append(f'<line x1="{x}" y1="{y}" x2="{x + 24}" y2="{y}" stroke="{colour}" '
                     f'stroke-width="3"/><text x="{x + 30}" y="{y + 4}" font-size="12" '
                     f'fill="currentColor">{escape(kind)}</text>')
    return parts
