"""``@record``: a frozen dataclass whose ``==``, ``hash()`` and ``repr()`` are written once, here.

awstui's models are frozen dataclasses (content, state, exam, config, the views' specs). For
each class, ``dataclass(frozen=True)`` writes six methods as source text and compiles each one
(``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``): ~0.27 ms
a class here, and ~30 of them are created before the app's first frame (Python 3.13 compiles
them in one go, 3.11 does not). ``@record`` has ``dataclass`` make the fields only
(``init=False``): the class's ``__init__`` is written here, as ``dataclass`` writes it, and
compiled when it is first looked up (most records made at start are never constructed before
the first frame: the content is unpickled), and every record shares one ``==``, ``hash()``,
``repr()`` and frozen ``__setattr__`` / ``__delattr__``, which read the class's fields through
an ``operator.attrgetter`` made for it. A class costs ~0.045 ms to make instead of ~0.27
(bench/startup.py: ~6 ms of the start).

The meaning is the dataclass's, field for field: ``==`` holds between two instances of the same
class whose compared fields (``field(compare=...)``) are equal, else ``NotImplemented``;
``hash()`` is the hash of the fields ``dataclass`` would hash (``hash=None`` follows
``compare``); ``repr()`` shows the ``repr=True`` fields as ``Class(name=value, ...)`` and is safe
from recursion; setting or deleting any attribute raises ``FrozenInstanceError`` (for a
record and its subclasses, which are records too: a dataclass's own frozen check lets a plain
subclass set names that are not fields). A class that writes its own ``__init__``, ``__eq__``,
``__hash__``, ``__repr__``, ``__setattr__`` or ``__delattr__`` keeps it. The ``__init__`` is
the dataclass's: positional-or-keyword fields in order, keyword-only ones after ``*``,
defaults, factories, ``init=False`` fields, ``__post_init__``; an ``InitVar`` is refused.
``dataclasses.replace``, ``fields``, ``asdict`` and pickling work as for any dataclass. Records
and plain dataclasses do not mix by inheritance: ``__dataclass_params__`` says ``init=False``,
``frozen=False`` (what ``dataclass`` itself was asked to make), so dataclass refuses a frozen one
either way round, and a non-frozen dataclass under a record cannot set its fields.
"""

from __future__ import annotations

import inspect
import reprlib
import sys
from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, field, fields
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # for the type checker only: the decorator is a frozen dataclass to it
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_kwargs: Any) -> Any:
        return lambda f: f


T = TypeVar("T")


def _getter(names: list[str]) -> Any:
    """The values of ``names`` as one tuple (``attrgetter`` gives a bare value for one name)."""
    if not names:
        return lambda _obj: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return attrgetter(*names)


def _eq(self: Any, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    cls: Any = self.__class__
    return bool(cls._record_compared(self) == cls._record_compared(other))


def _hash(self: Any) -> int:
    cls: Any = self.__class__
    return hash(cls._record_hashed(self))


@reprlib.recursive_repr()
def _repr(self: Any) -> str:
    cls: Any = self.__class__
    shown = ", ".join(
        f"{name}={value!r}" for name, value in zip(cls._record_shown, cls._record_values(self), strict=True)
    )
    return f"{cls.__qualname__}({shown})"


class _Factory:
    """The default of an ``__init__`` argument whose field has a ``default_factory``."""

    def __repr__(self) -> str:
        return "<factory>"  # (as dataclass shows it in the signature)


_FACTORY = _Factory()


def _check(cls: Any, every: tuple[Field[Any], ...]) -> None:
    """What ``dataclass`` refuses as it makes ``__init__``, refused as the class is made."""
    made = {f.name for f in every}  # (the others are ClassVars and InitVars: an InitVar is not written here)
    if any("InitVar" in str(f.type) for name, f in cls.__dataclass_fields__.items() if name not in made):
        raise TypeError(f"@record {cls.__qualname__}: InitVar fields are not supported")
    clash = [f.name for f in every if f.name.startswith("__record_")]
    if clash:  # (the generated __init__'s own names: a field would shadow them)
        raise TypeError(f"@record {cls.__qualname__}: field names starting __record_ are reserved: {clash}")
    defaulted = ""
    for f in every:
        if not f.init or f.kw_only:
            continue
        if f.default is not MISSING or f.default_factory is not MISSING:
            defaulted = f.name
        elif defaulted:
            raise TypeError(f"@record {cls.__qualname__}: non-default argument {f.name!r} follows default argument")


def _init(cls: Any, every: tuple[Field[Any], ...]) -> Any:
    """``cls.__init__``, written as ``dataclass(frozen=True)`` writes it: fields set through
    ``object.__setattr__`` in order, defaults and factories, keyword-only fields, ``__post_init__``."""
    space: dict[str, Any] = {"__record_set__": object.__setattr__, "__record_factory__": _FACTORY}
    me = "__record_self__" if any(f.name == "self" for f in every) else "self"  # (as dataclass names it)
    params: list[str] = []
    keyword_only: list[str] = []
    lines: list[str] = []
    for f in every:
        made = f"__record_make_{f.name}__()"
        if f.default_factory is not MISSING:
            space[f"__record_make_{f.name}__"] = f.default_factory
        if f.init:
            if f.default is not MISSING:
                space[f"__record_default_{f.name}__"] = f.default
                param, value = f"{f.name}=__record_default_{f.name}__", f.name
            elif f.default_factory is not MISSING:
                param, value = f"{f.name}=__record_factory__", f"{made} if {f.name} is __record_factory__ else {f.name}"
            else:
                param, value = f.name, f.name
            (keyword_only if f.kw_only else params).append(param)
        elif f.default_factory is not MISSING:
            value = made
        else:
            continue  # (init=False: left to the class's default, or unset, as dataclass leaves it)
        lines.append(f"        __record_set__({me}, {f.name!r}, {value})")
    if hasattr(cls, "__post_init__"):
        lines.append(f"        {me}.__post_init__()")
    signature = ", ".join([me, *params, *(["*", *keyword_only] if keyword_only else [])])
    # Made in a closure over ``space`` and compiled in the class's module, as dataclass does: the
    # function's __globals__ are the module's, so typing.get_type_hints(cls.__init__) resolves.
    text = (
        f"def __record_create__({', '.join(space)}):\n    def __init__({signature}):\n"
        + ("\n".join(lines) or "        pass")
        + "\n    return __init__"
    )
    module = sys.modules.get(cls.__module__)
    where = module.__dict__ if module is not None else {"__name__": cls.__module__}
    made_in: dict[str, Any] = {}
    exec(text, where, made_in)  # (field names only: no input)
    init = made_in["__record_create__"](**space)
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = {f.name: f.type for f in every if f.init} | {"return": None}
    return init


class _InitOnFirstUse:
    """A record's ``__init__`` until it is first looked up: then the real one is compiled, put on
    the class in its place, and given. Constructing, ``Class.__init__`` and ``inspect.signature``
    all look it up, so none of them sees this stand-in; a class never constructed never compiles
    its ``__init__`` (most of the cost of creating a record, bench/startup.py)."""

    def __init__(self, cls: Any, every: tuple[Field[Any], ...]) -> None:
        self.cls, self.every = cls, every

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        init = self.cls.__dict__["__init__"]
        if init is self:
            init = _init(self.cls, self.every)
            type.__setattr__(self.cls, "__init__", init)
        return init if instance is None else init.__get__(instance, owner)


def _frozen_setattr(self: Any, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T]) -> type[T]:
    """Make ``cls`` a frozen dataclass with the shared ``==``, ``hash()`` and ``repr()``."""
    own = set(cls.__dict__)
    if cls.__dict__.get("__hash__", 0) is None and "__eq__" in own:
        own.discard("__hash__")  # (set to None by Python for a class with its own __eq__: dataclass hashes)
    documented = bool(cls.__dict__.get("__doc__"))
    made: Any = dataclass(init=False, eq=False, repr=False)(cls)
    every = fields(made)
    if "__init__" not in own:
        _check(made, every)
        made.__init__ = _InitOnFirstUse(made, every)
        if not documented:  # (as dataclass writes it, now that the class has its __init__)
            made.__doc__ = made.__name__ + str(inspect.signature(made)).replace(" -> None", "")
    made._record_compared = _getter([f.name for f in every if f.compare])
    made._record_hashed = _getter([f.name for f in every if (f.compare if f.hash is None else f.hash)])
    made._record_shown = tuple(f.name for f in every if f.repr)
    made._record_values = _getter(list(made._record_shown))
    for name, method in (
        ("__eq__", _eq),
        ("__hash__", _hash),
        ("__repr__", _repr),
        ("__setattr__", _frozen_setattr),
        ("__delattr__", _frozen_delattr),
    ):
        if name not in own:
            setattr(made, name, method)
    return made
