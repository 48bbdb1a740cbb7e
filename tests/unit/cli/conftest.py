"""Command-line tests: $AWSTUI_DATA_DIR is ``tmp_path / "data"`` (the root conftest points HOME
and every XDG dir at a fresh temp dir)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    """The data dir the environment points at; not created."""
    path = tmp_path / "data"
    monkeypatch.setenv("AWSTUI_DATA_DIR", str(path))
    return path
