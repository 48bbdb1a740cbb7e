"""Field checks: typed fields of one TOML table, each problem with file:line:column and its key path."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .models import (
    Problem,
)
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

    def text(self, key: str, required: bool = True, allow_empty: bool = False) -> str | None:
        value = self._get(key, required, "a string", lambda v: isinstance(v, str))
        if value is not None and not allow_empty and not value.strip():
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

    def strings(self, key: str, required: bool = True, min_items: int = 0) -> tuple[str, ...] | None:
        value = self._get(
            key,
            required,
            "a list of strings",
            lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
        )
        if value is None:
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
