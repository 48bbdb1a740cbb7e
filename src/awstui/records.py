"""``@record``: a frozen dataclass whose ``==``, ``hash()`` and ``repr()`` are written once, here.

awstui's models are frozen dataclasses (content, state, exam, config, the views' specs). For
each class, ``dataclass(frozen=True)`` writes six methods as source text and compiles each one
(``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``): ~0.45 ms
a class here, and ~37 of them are created before the app's first frame (~16 ms, bench/startup.py;
Python 3.13 compiles them in one go, 3.11 does not). ``@record`` lets ``dataclass`` write only
what needs the class's own fields in its code (``__init__`` and the frozen ``__setattr__`` /
``__delattr__``) and gives every record the same three shared methods, which read the class's
fields through one ``operator.attrgetter`` made for it. That halves the cost of creating a class
(bench/startup.py: ~8 ms of CPU at start).

The meaning is the dataclass's, field for field: ``==`` holds between two instances of the same
class whose compared fields (``field(compare=...)``) are equal, else ``NotImplemented``;
``hash()`` is the hash of the fields ``dataclass`` would hash (``hash=None`` follows
``compare``); ``repr()`` shows the ``repr=True`` fields as ``Class(name=value, ...)`` and is safe
from recursion. A class that writes its own ``__eq__``, ``__hash__`` or ``__repr__`` keeps it.
``dataclasses.replace``, ``fields``, ``asdict`` and pickling work as for any dataclass.
"""

from __future__ import annotations

import reprlib
from dataclasses import dataclass, field, fields
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


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T]) -> type[T]:
    """Make ``cls`` a frozen dataclass with the shared ``==``, ``hash()`` and ``repr()``."""
    own = set(cls.__dict__)
    if cls.__dict__.get("__hash__", 0) is None and "__eq__" in own:
        own.discard("__hash__")  # (set to None by Python for a class with its own __eq__: dataclass hashes)
    made: Any = dataclass(frozen=True, eq=False, repr=False)(cls)
    every = fields(made)
    made._record_compared = _getter([f.name for f in every if f.compare])
    made._record_hashed = _getter([f.name for f in every if (f.compare if f.hash is None else f.hash)])
    made._record_shown = tuple(f.name for f in every if f.repr)
    made._record_values = _getter(list(made._record_shown))
    for name, method in (("__eq__", _eq), ("__hash__", _hash), ("__repr__", _repr)):
        if name not in own:
            setattr(made, name, method)
    return made
