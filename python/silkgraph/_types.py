"""Nodes, relationships and paths as results return them, and the Summary of a statement.

They are snapshots: a node's labels and properties are those it had when the statement
finished.
"""

import datetime
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Optional, Tuple


def _props_text(properties: Dict[str, Any]) -> str:
    if not properties:
        return ""
    return " {" + ", ".join(f"{k}: {v!r}" for k, v in properties.items()) + "}"


class _PropertyAccess:
    """Property reads shared by Node and Relationship: entity["key"], .get, `in`, .keys()."""

    __slots__ = ()

    def __getitem__(self, key: str) -> Any:
        return self.properties[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.properties.get(key, default)

    def __contains__(self, key: str) -> bool:
        return key in self.properties

    def keys(self):
        return self.properties.keys()


class Node(_PropertyAccess):
    """A node: .id, .labels (a tuple, sorted), .properties (a dict); node["key"] reads a
    property (KeyError when absent), node.get("key") gives None instead."""

    __slots__ = ("id", "labels", "properties")

    def __init__(self, id: int, labels: Tuple[str, ...], properties: Dict[str, Any]):
        self.id = id
        self.labels = tuple(labels)
        self.properties = properties

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Node) and other.id == self.id

    def __hash__(self) -> int:
        return hash(("node", self.id))

    def __repr__(self) -> str:
        labels = "".join(":" + label for label in self.labels)
        return f"<Node {self.id} ({labels}{_props_text(self.properties)})>"


class Relationship(_PropertyAccess):
    """A relationship: .id, .type, .start and .end (the ids of its nodes), .properties;
    rel["key"] reads a property."""

    __slots__ = ("id", "type", "start", "end", "properties")

    def __init__(self, id: int, type: Optional[str], start: Optional[int], end: Optional[int],
                 properties: Dict[str, Any]):
        self.id = id
        self.type = type
        self.start = start
        self.end = end
        self.properties = properties

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Relationship) and other.id == self.id

    def __hash__(self) -> int:
        return hash(("relationship", self.id))

    def __repr__(self) -> str:
        return (f"<Relationship {self.id} ({self.start})-[:{self.type}"
                f"{_props_text(self.properties)}]->({self.end})>")


class Path:
    """A path: .nodes (one more than .relationships), .relationships, .start_node,
    .end_node; len(path) is its number of relationships, path[i] its i-th relationship."""

    __slots__ = ("nodes", "relationships")

    def __init__(self, nodes: List[Node], relationships: List[Relationship]):
        self.nodes = list(nodes)
        self.relationships = list(relationships)

    @property
    def start_node(self) -> Node:
        return self.nodes[0]

    @property
    def end_node(self) -> Node:
        return self.nodes[-1]

    def __len__(self) -> int:
        return len(self.relationships)

    def __getitem__(self, i: int) -> Relationship:
        return self.relationships[i]

    def __iter__(self) -> Iterator[Relationship]:
        return iter(self.relationships)

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Path) and other.nodes == self.nodes
                and other.relationships == self.relationships)

    def __hash__(self) -> int:
        return hash((tuple(self.nodes), tuple(self.relationships)))

    def __repr__(self) -> str:
        text = f"({self.nodes[0].id})" if self.nodes else ""
        for rel, node in zip(self.relationships, self.nodes[1:]):
            arrow = f"-[:{rel.type}]->" if rel.start != node.id else f"<-[:{rel.type}]-"
            text += f"{arrow}({node.id})"
        return f"<Path {text}>"


@dataclass(frozen=True)
class Summary:
    """What a statement did: write counters, whether it wrote anything, and its time in ms
    (the engine's, from parse to the last row). plan holds the plan text of an EXPLAIN."""

    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    labels_added: int = 0
    labels_removed: int = 0
    properties_set: int = 0
    contains_updates: bool = False
    elapsed_ms: float = 0.0
    plan: Optional[str] = None


class Duration:
    """A Cypher duration: .months, .days, .seconds and .nanoseconds kept apart, as Cypher
    keeps them (a month or a day has no fixed length). str() gives the ISO 8601 text
    (P1Y2M3DT4H); .to_timedelta() converts a duration without months (microseconds kept)."""

    __slots__ = ("months", "days", "seconds", "nanoseconds")

    def __init__(self, months: int = 0, days: int = 0, seconds: int = 0, nanoseconds: int = 0):
        total = seconds * 1_000_000_000 + nanoseconds
        self.months = months
        self.days = days
        self.seconds, self.nanoseconds = divmod(total, 1_000_000_000)

    def to_timedelta(self) -> datetime.timedelta:
        if self.months:
            raise ValueError(f"{self} has months, which have no fixed length in a timedelta")
        return datetime.timedelta(days=self.days, seconds=self.seconds,
                                  microseconds=self.nanoseconds // 1000)

    def _key(self) -> Tuple[int, int, int, int]:
        return (self.months, self.days, self.seconds, self.nanoseconds)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Duration) and other._key() == self._key()

    def __hash__(self) -> int:
        return hash(("duration",) + self._key())

    def __str__(self) -> str:
        from . import _native
        return _native._duration_text(*self._key())

    def __repr__(self) -> str:
        return f"<Duration {self}>"
