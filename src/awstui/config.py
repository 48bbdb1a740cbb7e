"""The user config file: what a learner sets once, in TOML, in the platform's config dir.

Pure Python (never imports textual): the command line's composition root reads it, checks the
names it holds against the app (the themes, the binding ids) and applies it. A bad file never
stops the app: every problem is a :class:`ConfigProblem` naming ``file:line``, the setting it
concerns falls back to its default, and the rest of the file still applies (a TOML syntax error
leaves all of it at the defaults).

Settings (``SETTINGS`` is the table of them; a new setting is one entry and one checker):

- ``theme``: a Textual theme name, the one awstui opens with.
- ``[keys]``: binding id -> keys (``"ctrl+f"``, ``"j,down"`` or ``["j", "down"]``), applied with
  Textual's ``App.set_keymap``.

- ``[review]``: the review mode's ``new_per_day`` and ``reviews_per_day`` (whole numbers,
  0-9999) and ``desired_retention`` (0.70-0.97: the chance of recalling an item when it comes
  due, FSRS's one knob; higher means shorter intervals and more reviews).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import field, replace
from pathlib import Path
from typing import Any

from .content.models import ContentError
from .paths import APP_NAME
from .records import record
from .review_settings import REVIEW_SETTINGS

# The TOML reader and difflib are imported when a config file exists / a name is unknown: most
# starts have no config file (~1.5 ms of the start, bench/startup.py).

CONFIG_FILE = "config.toml"


def default_config_path() -> Path:
    """``config.toml`` in the platform's user config dir (``~/.config/awstui`` on Linux)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / CONFIG_FILE


@record
class ConfigProblem:
    """One problem of the config file: where (``path:line``; line 0: the whole file) and what."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@record
class Config:
    """The settings read (defaults for anything missing or bad), and the problems found."""

    theme: str | None = None
    keys: Mapping[str, str] = field(default_factory=dict)  # binding id -> "key,key"
    review: Mapping[str, int | float] = field(default_factory=dict)  # REVIEW_SETTINGS name -> value
    path: Path | None = None
    problems: tuple[ConfigProblem, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict, compare=False)  # "theme", "keys.<id>" -> line


def _type_name(value: object) -> str:
    return {
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "true/false",
        dict: "a table",
        list: "an array",
    }.get(type(value), type(value).__name__)


class _Reader:
    """Checks one parsed file, setting by setting, collecting problems with their lines."""

    def __init__(self, path: Path, text: str) -> None:
        from .content.toml_source import Locator

        self.path = path
        self.locator = Locator(text)
        self.problems: list[ConfigProblem] = []
        self.lines: dict[str, int] = {}

    def line(self, table: str, key: str) -> int:
        """The line of ``key`` in ``[table]`` (``""``: top level), of a ``[key]`` table, or of the
        key holding an inline table; 1 when none is found."""
        tries = [(table, key), (table, None), ("", table)] if table else [("", key), (key, None)]
        for t, k in tries:
            found = self.locator.at(t, 0, k)
            if found != (1, 1):
                return found[0]
        return 1

    def problem(self, line: int, message: str) -> None:
        self.problems.append(ConfigProblem(str(self.path), line, message))

    def theme(self, value: Any) -> dict[str, Any]:
        self.lines["theme"] = line = self.line("", "theme")
        if not isinstance(value, str) or not value.strip():
            self.problem(line, f"theme must be a string (a Textual theme name), not {_type_name(value)}: ignored")
            return {}
        return {"theme": value.strip()}

    def keys(self, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.problem(self.line("", "keys"), f"keys must be a table ([keys]), not {_type_name(value)}: ignored")
            return {}
        keys = {}
        for binding_id, keys_value in value.items():
            self.lines[f"keys.{binding_id}"] = line = self.line("keys", binding_id)
            listed = [keys_value] if isinstance(keys_value, str) else keys_value
            if not isinstance(listed, list) or not listed or not all(isinstance(k, str) and k.strip() for k in listed):
                self.problem(
                    line,
                    f'keys.{binding_id} must be a key or a list of keys ("ctrl+f", ["j", "down"]), '
                    f"not {_type_name(keys_value)}: ignored",
                )
                continue
            keys[binding_id] = ",".join(k.strip() for part in listed for k in part.split(",") if k.strip())
        return {"keys": keys}


def _review(reader: _Reader, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        reader.problem(
            reader.line("", "review"), f"review must be a table ([review]), not {_type_name(value)}: ignored"
        )
        return {}
    out: dict[str, int | float] = {}
    for name, given in value.items():
        line = reader.line("review", name)
        if name not in REVIEW_SETTINGS:
            reader.problem(line, f"review: unknown setting {name!r} (known: {', '.join(REVIEW_SETTINGS)}): ignored")
            continue
        setting = REVIEW_SETTINGS[name]
        if not setting.allows(given):
            reader.problem(line, f"review.{name} must be {setting.describe()}, not {given!r}: ignored")
            continue
        out[name] = setting.kind(given)
    return {"review": out}


SETTINGS: dict[str, Callable[[_Reader, Any], dict[str, Any]]] = {
    "theme": _Reader.theme,
    "keys": _Reader.keys,
    "review": _review,
}


def load_config(path: Path | None = None) -> Config:
    """Read the config at ``path`` (``--config``), else the default one. A missing default file is
    no problem (nothing set); a missing ``--config`` file is one."""
    explicit = path is not None
    path = Path(path).expanduser() if path is not None else default_config_path()
    if not explicit and not path.exists():
        return Config(path=path)
    from .content.toml_source import parse_toml, read_text

    try:
        text = read_text(path)
        data = parse_toml(text, str(path))
    except ContentError as err:
        found = [ConfigProblem(p.path, p.line if path.exists() else 0, p.message) for p in err.problems]
        return Config(path=path, problems=(*found,))
    reader = _Reader(path, text)
    values: dict[str, Any] = {}
    for key, value in data.items():
        check = SETTINGS.get(key)
        if check is None:
            reader.problem(reader.line("", key), f"unknown setting {key!r} (known: {', '.join(SETTINGS)}): ignored")
            continue
        values.update(check(reader, value))
    return Config(path=path, problems=tuple(reader.problems), lines=reader.lines, **values)


def _unknown(name: str, known: Collection[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    if close:
        return f"; did you mean {close[0]!r}?"
    if not known:
        return "; this version of awstui has no binding ids"
    shown = sorted(known)
    more = f", … ({len(shown)} in all)" if len(shown) > 8 else ""
    return f" (known: {', '.join(shown[:8])}{more})"


def check_names(config: Config, themes: Collection[str], binding_ids: Collection[str]) -> Config:
    """``config`` without a theme or binding ids the app does not have, each one a problem."""
    problems = list(config.problems)
    where = str(config.path)
    theme = config.theme
    if theme is not None and theme not in themes:
        line = config.lines.get("theme", 0)
        problems.append(
            ConfigProblem(where, line, f"theme {theme!r} is not a theme of this app{_unknown(theme, themes)}: ignored")
        )
        theme = None
    keys = {}
    for binding_id, value in config.keys.items():
        if binding_id in binding_ids:
            keys[binding_id] = value
        else:
            line = config.lines.get(f"keys.{binding_id}", 0)
            hint = _unknown(binding_id, binding_ids)
            problems.append(ConfigProblem(where, line, f"keys: unknown binding id {binding_id!r}{hint}: ignored"))
    return replace(config, theme=theme, keys=keys, problems=tuple(problems))
