"""The relations between groups, people and patrons, as a graph and as a picture (SVG)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from generator.records import Catalogue, Militia

EDGE_COLOURS = {"leads": "#546e7a", "member of": "#8d6e63", "patron of": "#c62828",
                "ally": "#2e7d32", "rival": "#ef6c00", "splinter of": "#6a1b9a",
                "front for": "#00838f", "claims for": "#0277bd", "merged into": "#37474f",
                "part of": "#795548"}
UNDIRECTED = ("ally", "rival")


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str       # a key of EDGE_COLOURS: "a leads b", "a member of b", "a patron of b", ...
    since: str | None = None
    until: str | None = None

    @property
    def directed(self) -> bool:
        return self.kind not in UNDIRECTED

    def valid_on(self, date: str) -> bool:
        """Whether the relation held on a date (partial dates compare on their precision)."""
        after = self.since is None or self.since[: len(date)] <= date[: len(self.since)]
        before = self.until is None or date[: len(self.until)] <= self.until[: len(date)]
        return after and before


@dataclass(frozen=True)
class Node:
    slug: str
    label: str
    kind: str       # militia | umbrella | patron | ... | leader
    page: str


def graph(catalogue: Catalogue) -> tuple[list[Node], list[Edge]]:
    nodes = [Node(p.slug, p.name, p.kind if isinstance(p, Militia) else "leader", p.page)
             for p in catalogue.profiles]
    edges: set[Edge] = set()
    for militia in catalogue.militias.values():
        if militia.parent:
            edges.add(Edge(militia.slug, militia.parent, "member of"))
        edges.update(Edge(patron, militia.slug, "patron of") for patron in militia.patrons)
        edges.update(Edge(militia.slug, r.to, r.kind.replace("-", " "), r.since, r.until)
                     for r in militia.relations)
    for leader in catalogue.leaders.values():
        edges.update(Edge(leader.slug, role.organization, "leads", role.since,
                          role.until or leader.died_on) for role in leader.roles)
    return nodes, sorted(edges, key=lambda e: (e.source, e.target, e.kind))


class Neighbours:
    """Each profile's neighbourhood from an index built once: scanning every edge for every
    profile page would grow with the square of the number of profiles."""

    def __init__(self, nodes: list[Node], edges: list[Edge]) -> None:
        self.order = {node.slug: node for node in nodes}
        self.touching: dict[str, list[Edge]] = {}
        for edge in edges:
            for end in dict.fromkeys((edge.source, edge.target)):
                self.touching.setdefault(end, []).append(edge)

    def of(self, centre: str) -> tuple[list[Node], list[Edge]]:
        """The centre, its direct neighbours (in graph order), and the edges touching the centre."""
        near = self.touching.get(centre, [])
        keep = {centre} | {e.source for e in near} | {e.target for e in near}
        return [node for slug, node in self.order.items() if slug in keep], near


def most_connected(nodes: list[Node], edges: list[Edge],
                   limit: int) -> tuple[list[Node], list[Edge]]:
    """The `limit` best-connected nodes and the edges between them, so the overview picture
    stays readable and its page stays the same size however large the catalogue grows."""
    if len(nodes) <= limit:
        return nodes, edges
    degree: dict[str, int] = {}
    for edge in edges:
        for end in (edge.source, edge.target):
            degree[end] = degree.get(end, 0) + 1
    keep = {n.slug for n in sorted(nodes, key=lambda n: (-degree.get(n.slug, 0), n.slug))[:limit]}
    return ([n for n in nodes if n.slug in keep],
            [e for e in edges if e.source in keep and e.target in keep])


def layout(nodes: list[Node], edges: list[Edge], centre: str | None = None,
           size: int = 760) -> dict[str, tuple[float, float]]:
    """Deterministic radial layout: patrons in the middle, groups on a ring, each person just
    outside the group they lead. Linear in the number of nodes, so it costs nothing at scale."""
    middle = size / 2
    if centre is not None:
        others = [n for n in nodes if n.slug != centre]
        return {centre: (middle, middle), **_ring(others, middle, size * 0.36)}
    patrons = [n for n in nodes if n.kind == "patron"]
    groups = [n for n in nodes if n.kind not in ("patron", "leader")]
    positions = _ring(patrons, middle, size * 0.06 if len(patrons) > 1 else 0.0)
    positions.update(_ring(groups, middle, size * 0.27))
    people = [n for n in nodes if n.kind == "leader"]
    positions.update(_people(people, edges, positions, middle, size * 0.43))
    return positions


def _people(people: list[Node], edges: list[Edge], placed: dict[str, tuple[float, float]],
            middle: float, radius: float) -> dict[str, tuple[float, float]]:
    """Each person at the angle of the first group they lead, fanned out; the rest spread."""
    anchor = {}
    for edge in edges:
        if edge.kind == "leads" and edge.target in placed and edge.source not in anchor:
            anchor[edge.source] = edge.target
    fan: dict[str, int] = {}
    result, loose = {}, []
    for person in people:
        if person.slug not in anchor:
            loose.append(person)
            continue
        rank = fan[anchor[person.slug]] = fan.get(anchor[person.slug], -1) + 1
        spread = ((rank + 1) // 2) * 0.2 * (1 if rank % 2 else -1)
        angle = _angle(placed[anchor[person.slug]], middle) + spread
        result[person.slug] = (round(middle + radius * math.sin(angle), 1),
                               round(middle - radius * math.cos(angle), 1))
    for index, person in enumerate(loose):
        angle = 2 * math.pi * (index + 0.5) / max(len(loose), 1) + math.pi / 7
        result[person.slug] = (round(middle + radius * 1.05 * math.sin(angle), 1),
                               round(middle - radius * 1.05 * math.cos(angle), 1))
    return result


def _ring(nodes: list[Node], middle: float, radius: float) -> dict[str, tuple[float, float]]:
    count = max(len(nodes), 1)
    return {n.slug: (round(middle + radius * math.cos(2 * math.pi * i / count - math.pi / 2), 1),
                     round(middle + radius * math.sin(2 * math.pi * i / count - math.pi / 2), 1))
            for i, n in enumerate(nodes)}


def _angle(point: tuple[float, float], middle: float) -> float:
    return (math.atan2(point[1] - middle, point[0] - middle) + math.pi / 2) % (2 * math.pi)
