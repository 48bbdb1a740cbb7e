"""Field checks: typed fields of one TOML table, each problem with file:line:column and its key path."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .models import (
    Problem,
)
from .text import first_control
from .toml_source import Locator

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")


@dataclass
class Fields:
    """Reads typed fields from one TOML table, collecting problems with their locations."""

    data: dict[str, Any]
    path: str
    loc: Locator
    table: str
    index: int
    keypath: str
    problems: list[Problem] = field(default_factory=list)

    def problem(self, key: str | None, message: str) -> None:
        line, col = self.loc.at(self.table, self.index, key)
        kp = f"{self.keypath}.{key}" if key else self.keypath
        self.problems.append(Problem(self.path, line, col, message, kp))

    def check_keys(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                self.problem(key, f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")

    def _get(self, key: str, required: bool, kind: str, ok: Callable[[Any], bool]) -> Any:
        if key not in self.data:
            if required:
                self.problem(None, f"missing key {key!r}")
            return None
        value = self.data[key]
        if not ok(value):
            self.problem(key, f"{key!r} must be {kind}, not {describe(value)}")
            return None
        return value

    def _no_control(self, key: str, value: str, *, what: str, allow_layout: bool) -> bool:
        """False, with a problem, when ``value`` holds a control character (C0, DEL, C1, a bidi override; with
        ``allow_layout`` tab and newline are fine): such text is refused at load, because drawn as
        it is an ESC sequence would clear the screen or make a live link."""
        found = first_control(value, allow_layout=allow_layout)
        if found is None:
            return True
        offset, name = found
        self.problem(key, f"{what} holds a control character ({name} at character {offset + 1}): remove it")
        return False

    def text(self, key: str, required: bool = True, allow_empty: bool = False, one_line: bool = False) -> str | None:
        """A string; multi-line unless ``one_line`` (then no tab or newline either)."""
        value = self._get(key, required, "a string", lambda v: isinstance(v, str))
        if value is None:
            return None
        if not self._no_control(key, value, what=repr(key), allow_layout=not one_line):
            return None
        if not allow_empty and not value.strip():
            self.problem(key, f"{key!r} must not be empty")
            return None
        return value

    def ident(self, key: str = "id") -> str | None:
        value = self.text(key)
        if value is not None and not ID_RE.match(value):
            self.problem(key, f"{key!r} {value!r} must be letters, digits, '.', '_' or '-' (at most 80)")
            return None
        return value

    def integer(self, key: str, required: bool = True) -> int | None:
        return self._get(key, required, "an integer", lambda v: isinstance(v, int) and not isinstance(v, bool))

    def strings(
        self, key: str, required: bool = True, min_items: int = 0, allow_layout: bool = False
    ) -> tuple[str, ...] | None:
        """A list of strings, one-line unless ``allow_layout`` (then tab and newline are fine)."""
        value = self._get(
            key,
            required,
            "a list of strings",
            lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
        )
        if value is None:
            return None
        for i, item in enumerate(value):
            if not self._no_control(key, item, what=f"{key!r} item {i + 1}", allow_layout=allow_layout):
                return None
        if len(value) < min_items:
            self.problem(key, f"{key!r} needs at least {min_items} item{'s' if min_items > 1 else ''}")
            return None
        return tuple(value)

    def urls(self, key: str, required: bool = True, min_items: int = 1) -> tuple[str, ...] | None:
        value = self.strings(key, required, min_items)
        if value is None:
            return None
        for url in value:
            if not url.startswith("https://"):
                self.problem(key, f"{key!r}: {url!r} is not an https:// URL")
                return None
        return value


def describe(value: Any) -> str:
    names = {str: "a string", int: "an integer", float: "a number", bool: "a boolean", list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def entries(data: dict[str, Any], name: str, path: str, loc: Locator, problems: list[Problem]) -> list[dict[str, Any]]:
    """The ``[[name]]`` array of tables of a file; anything else at the top level is a problem."""
    for key in data:
        if key != name:
            line, col = loc.at("", 0, key)
            if (key, 0) in loc.headers:
                line, col = loc.headers[(key, 0)] + loc.offset, 1
            problems.append(Problem(path, line, col, f"unknown key {key!r} (expected [[{name}]] tables)", key))
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        line, col = loc.at("", 0, name)
        problems.append(Problem(path, line, col, f"{name!r} must be an array of tables ([[{name}]])", name))
        return []
    return value
