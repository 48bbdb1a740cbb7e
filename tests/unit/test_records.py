"""awstui.records: a ``@record`` class means what the same ``@dataclass(frozen=True)`` class means
(==, hash, repr, frozen, replace, fields, pickle), and every frozen dataclass in src/ is one."""

from __future__ import annotations

import ast
import dataclasses
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import awstui
from awstui.records import record

SRC = Path(awstui.__file__).parent


def twins(body: str) -> tuple[type, type]:
    """The same class body as a ``@record`` and as a ``@dataclass(frozen=True)``."""
    made = []
    for decorate in (record, dataclass(frozen=True)):
        namespace: dict = {"field": field}
        exec(f"class Thing:\n    '''A thing.'''\n{body}", namespace)
        made.append(decorate(namespace["Thing"]))
    return made[0], made[1]


BODIES = {
    "plain": "    a: int\n    b: str = 'x'\n",
    "one field": "    a: int\n",
    "no field": "    pass\n",
    "not compared": "    a: int\n    path: str = field(default='', compare=False)\n",
    "not shown": "    a: int\n    secret: str = field(default='', repr=False)\n",
    "hashed apart": "    a: int\n    b: int = field(default=0, hash=False)\n",
    "a list": "    a: int\n    items: list = field(default_factory=list)\n",
}
values = st.one_of(st.integers(-3, 3), st.text(max_size=3))


@pytest.mark.parametrize("body", list(BODIES.values()), ids=list(BODIES))
@given(a=st.tuples(values, values), b=st.tuples(values, values))
def test_equality_hash_and_repr_are_the_dataclass_ones(body, a, b):
    mine, theirs = twins(body)
    names = [f.name for f in dataclasses.fields(theirs) if f.init and f.name not in ("items",)][:2]
    x, y = (dict(zip(names, v, strict=False)) for v in (a, b))
    m1, m2, t1, t2 = mine(**x), mine(**y), theirs(**x), theirs(**y)
    assert (m1 == m2) == (t1 == t2) and (m1 != m2) == (t1 != t2)
    assert repr(m1) == repr(t1)
    try:
        expected = hash(t1) == hash(t2) if t1 == t2 else None
    except TypeError:  # (a list field: neither can be hashed)
        with pytest.raises(TypeError):
            hash(m1)
    else:
        if expected is not None:
            assert hash(m1) == hash(m2)
    assert (m1 == t1) is False  # another class: never equal, as between two dataclasses
    assert m1.__eq__(object()) is NotImplemented


@record
class Kept:
    """A record at module level, as pickle needs."""

    a: int
    path: str = field(default="", compare=False)


def test_frozen_replace_fields_and_pickle():
    mine = Kept
    thing = mine(a=1, path="p.md")
    with pytest.raises(dataclasses.FrozenInstanceError):
        thing.a = 2  # type: ignore[misc]
    assert dataclasses.replace(thing, a=2) == mine(a=2)
    assert [f.name for f in dataclasses.fields(thing)] == ["a", "path"]
    assert dataclasses.asdict(thing) == {"a": 1, "path": "p.md"}
    again = pickle.loads(pickle.dumps(thing))
    assert again == thing and again.path == "p.md" and hash(again) == hash(thing)
    assert mine(a=1, path="x") == thing  # path is not compared


def test_inherited_records_compare_by_class_and_their_own_fields():
    @record
    class Base:
        """A base."""

        a: int

    @record
    class Child(Base):
        """A child."""

        b: int = 0

    assert Child(1, 2) == Child(1, 2) and Child(1, 2) != Child(1, 3)
    assert (
        Base(1) != Child(1)
        and repr(Child(1, 2)) == "test_inherited_records_compare_by_class_and_their_own_fields.<locals>.Child(a=1, b=2)"
    )


def test_a_class_keeps_the_methods_it_writes_and_repr_survives_recursion():
    @record
    class Named:
        """Its own repr."""

        a: int

        def __repr__(self) -> str:
            return "named"

    assert repr(Named(1)) == "named" and Named(1) == Named(1)

    @record
    class Box:
        """Holds a list, which may hold the box."""

        items: list

    box = Box([])
    box.items.append(box)
    assert repr(box).endswith("Box(items=[...])")


def test_every_frozen_dataclass_in_src_is_a_record():
    found = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for deco in node.decorator_list:
                    if isinstance(deco, ast.Call) and any(k.arg == "frozen" for k in deco.keywords):
                        found.append(f"{path.relative_to(SRC)}:{node.name}")
    assert found == []  # @record: half the cost of creating the class (awstui/records.py)
