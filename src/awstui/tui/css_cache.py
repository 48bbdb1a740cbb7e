"""Textual's parsed CSS, kept in the cache dir from one start to the next.

On every start Textual parses the CSS of each widget class the screen shows (~9 ms here, of a
settled first frame of ~75 ms; bench/startup.py) and forgets it when the app ends. The rules a
start parsed are kept beside the content's parse cache (``paths.cache_dir``; none when that is
off) and given back to the next start's stylesheet before anything is styled
(``_internals.reuse_parsed_css``): Textual then parses only CSS that is new or changed, since
each entry's key is the CSS text itself.

The file's key is Textual's own code (the size and modification time of its CSS modules), the
Python version and the theme's variables (their colours are put in as the CSS is parsed): a new
Textual, a new Python or another theme is a miss, and the file is written again after the first
frame. A damaged file is ignored and replaced; a disk that cannot take it is skipped.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..content.cache import files_stamp, read_cached, write_cached
from ._internals import parsed_css, reuse_parsed_css

if TYPE_CHECKING:
    from textual.css.stylesheet import Stylesheet

CSS_FORMAT = 1
FILE_NAME = "textual-css.pickle"


def textual_stamp() -> str:
    """Textual's CSS code and what its rules are made of: a changed file is a new Textual."""
    import textual

    root = Path(textual.__file__).parent
    files = [root / name for name in ("__init__.py", "color.py", "_color_constants.py", "geometry.py", "_easing.py")]
    files += [*sorted((root / "css").glob("*.py")), *sorted((root / "layouts").glob("*.py"))]
    return files_stamp(files)


class CssCache:
    """The file of kept rules: ``load_into`` a new stylesheet, ``save_from`` it once it has parsed
    what the screen shows (written only when it parsed something the file does not hold)."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.path = cache_dir / FILE_NAME if cache_dir is not None else None
        self._kept: tuple[dict[str, str], set[Any]] = ({}, set())  # the file's variables and keys, as last seen

    def _key(self, variables: dict[str, str]) -> str | None:
        """None where Textual's files cannot be read (a frozen app, .pyc only): no cache then."""
        try:
            stamp = textual_stamp()
        except OSError:
            return None
        return f"{CSS_FORMAT}\0{sys.version}\0{stamp}\0{sorted(variables.items())!r}"

    def load_into(self, stylesheet: Stylesheet) -> bool:
        """Give the stylesheet the rules kept for its theme; False when there are none."""
        found = parsed_css(stylesheet) if self.path is not None else None
        if found is None or self.path is None:
            return False
        variables, _ = found
        key = self._key(variables)
        entries = read_cached(self.path, key, list) if key is not None else None
        if not entries or not all(isinstance(entry, tuple) and len(entry) == 2 for entry in entries):
            return False
        if not reuse_parsed_css(stylesheet, variables, entries):
            return False
        self._kept = variables, {key for key, _rules in entries}
        return True

    def save_from(self, stylesheet: Stylesheet) -> bool:
        """Keep what the stylesheet has parsed, when it holds an entry the file does not."""
        found = parsed_css(stylesheet) if self.path is not None else None
        if found is None or self.path is None:
            return False
        variables, entries = found
        keys = {key for key, _rules in entries}
        if not entries or (variables == self._kept[0] and keys <= self._kept[1]):
            return False
        key = self._key(variables)
        if key is None:
            return False
        try:
            write_cached(self.path, key, entries)
        except Exception:  # (rules that do not pickle in some Textual: nothing kept, nothing lost)
            return False
        self._kept = variables, keys
        return True
