"""awstui.records: a ``@record`` class means what the same ``@dataclass(frozen=True)`` class means
(==, hash, repr, frozen, replace, fields, pickle), and every frozen dataclass in src/ is one."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import pickle
import typing
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
        namespace: dict = {"field": field, "dataclasses": dataclasses}
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


INITS = {
    "plain": ("    a: int\n    b: str = 'x'\n", [((1,), {}), ((1, "y"), {}), ((), {"a": 2, "b": "z"})]),
    "factories": (
        "    a: int\n    items: list = field(default_factory=list)\n    tags: frozenset = frozenset()\n",
        [((1,), {}), ((1, [2]), {}), ((1,), {"tags": frozenset("ab"), "items": [3]})],
    ),
    "keyword only": (
        "    a: int = 0\n    b: int = field(kw_only=True)\n    c: str = field(default='c', kw_only=True)\n",
        [((), {"b": 1}), ((5,), {"b": 2, "c": "d"})],
    ),
    "not in init": (
        "    a: int\n    seen: list = field(default_factory=list, init=False)\n"
        "    mark: str = field(default='m', init=False)\n    unset: int = field(init=False)\n",
        [((1,), {})],
    ),
    "post init": (
        "    a: int\n    double: int = field(default=0, init=False)\n"
        "    def __post_init__(self):\n        object.__setattr__(self, 'double', self.a * 2)\n",
        [((4,), {})],
    ),
    "a field named self": ("    self: int\n    other: int = 1\n", [((1,), {}), ((), {"self": 2, "other": 3})]),
}


@pytest.mark.parametrize(("body", "calls"), list(INITS.values()), ids=list(INITS))
def test_init_is_the_dataclass_one(body, calls):
    mine, theirs = twins(body)
    assert str(inspect.signature(mine)) == str(inspect.signature(theirs))
    assert typing.get_type_hints(mine.__init__) == typing.get_type_hints(theirs.__init__)
    for args, kwargs in calls:
        assert vars(mine(*args, **kwargs)) == vars(theirs(*args, **kwargs))
    made = [vars(mine(*calls[0][0], **calls[0][1])) for _ in range(2)]
    for name, value in made[0].items():
        if isinstance(value, list):
            assert value is not made[1][name]  # a factory makes a new list each time
    for wrong in ((1, 2, 3, 4, 5), ()):
        with pytest.raises(TypeError) as theirs_error:
            theirs(*wrong)
        with pytest.raises(TypeError) as mine_error:
            mine(*wrong)
        assert str(mine_error.value).split("() ")[-1] == str(theirs_error.value).split("() ")[-1]


def test_init_is_compiled_on_first_use_only():
    @record
    class Later:
        """Not constructed yet."""

        a: int
        b: int = 2

    assert not inspect.isfunction(Later.__dict__["__init__"])  # the stand-in, nothing compiled
    assert Later(1) == Later(1, 2) and inspect.isfunction(Later.__dict__["__init__"])

    @record
    class Looked:
        """Looked up before it is constructed."""

        a: int

    assert inspect.isfunction(Looked.__init__) and Looked.__init__ is Looked.__dict__["__init__"]
    assert Looked.__init__.__qualname__.endswith("Looked.__init__") and Looked(a=3).a == 3

    undocumented = [
        decorate(type("Undocumented", (), {"__annotations__": {"a": int}, "a": 1, "__doc__": None}))
        for decorate in (record, dataclass(frozen=True))
    ]
    assert undocumented[0].__doc__ == undocumented[1].__doc__ == "Undocumented(a: int = 1)"  # dataclass's


def test_frozen_and_refusals():
    thing = Kept(a=1)
    for change in (lambda: setattr(thing, "a", 2), lambda: setattr(thing, "new", 2), lambda: delattr(thing, "a")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            change()
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):
        twins("    a: int = 0\n    b: int\n")
    with pytest.raises(TypeError, match="InitVar"):
        record(type("Odd", (), {"__annotations__": {"a": dataclasses.InitVar[int]}}))


def test_every_frozen_dataclass_in_src_is_a_record():
    found = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for deco in node.decorator_list:
                    if isinstance(deco, ast.Call) and any(k.arg == "frozen" for k in deco.keywords):
                        found.append(f"{path.relative_to(SRC)}:{node.name}")
    assert found == []  # @record: half the cost of creating the class (awstui/records.py)


@record
class _Hinted:
    """Annotated with names of this module, not builtins."""

    path: Path
    kept: Kept | None = None


def test_init_type_hints_resolve_in_the_class_module():
    # dataclass compiles __init__ in the class's module: get_type_hints(cls.__init__) resolves there
    assert typing.get_type_hints(_Hinted.__init__) == {"path": Path, "kept": Kept | None, "return": type(None)}
    assert next(iter(inspect.signature(_Hinted.__init__).parameters)) == "self"  # (as dataclass names it)


def test_classvars_are_not_initvars_and_generated_names_are_reserved():
    odd = record(type("WithClassVar", (), {"__annotations__": {"a": int, "k": typing.ClassVar[int]}, "k": 3}))
    assert odd(1).a == 1 and odd.k == 3
    for name in ("__record_set__", "__record_self__", "__record_factory__"):
        with pytest.raises(TypeError, match="reserved"):
            record(type("Clash", (), {"__annotations__": {name: int}}))
