"""Where awstui keeps things. Everything is resolved inside functions: nothing happens at import."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

APP_NAME = "awstui"
DATA_DIR_ENV = "AWSTUI_DATA_DIR"
CACHE_DIR_ENV = "AWSTUI_CACHE_DIR"  # "" turns the content cache off
STATE_FILE = "state.db"


PACKAGED_CONTENT = "_content"  # where the wheel carries the repository's content/ (pyproject: force-include)


def bundled_content_dir() -> Path:
    """The content that ships with awstui: the one place that knows where it is.

    A wheel carries the repository's ``content/`` inside the package as ``awstui/_content``; an
    editable install (hatch's editable wheel does not apply force-include) and a run from the
    checkout find ``content/`` at the root of the checkout, two levels above ``src/awstui/``.
    When neither exists, the packaged path is returned, and the loader says it is not found."""
    package = Path(__file__).parent
    packaged = package / PACKAGED_CONTENT
    if packaged.is_dir():
        return packaged
    checkout = package.resolve().parent.parent / "content"
    if checkout.is_dir() and (checkout.parent / "src" / "awstui").is_dir():
        return checkout
    return packaged


def resolve_data_dir(flag: str | os.PathLike[str] | None = None) -> Path:
    """The data dir: ``--data-dir`` wins, then ``$AWSTUI_DATA_DIR``, then the platform's."""
    if flag:
        return Path(flag).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path | None:
    """Where parsed content is cached: ``$AWSTUI_CACHE_DIR`` (empty: no cache), else the platform's."""
    env = os.environ.get(CACHE_DIR_ENV)
    if env is not None:
        return Path(env).expanduser() if env else None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if missing; the folder itself is private (0700)."""
    path.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # not ours to change (e.g. a shared mount): keep going
        os.chmod(path, 0o700)
    return path


def learner_content_dir(data_dir: Path) -> Path:
    """The learner's own content folder inside the data dir (may not exist)."""
    return data_dir / "content"


def content_dirs(data_dir: Path | None, extra: list[Path] | None = None) -> list[Path]:
    """Content dirs in override order: bundled, the learner's, then ``--content`` dirs."""
    dirs = [bundled_content_dir()]
    if data_dir is not None:
        mine = learner_content_dir(data_dir)
        if mine.is_dir():
            dirs.append(mine)
    dirs.extend(extra or [])
    return dirs
