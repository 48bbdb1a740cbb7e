"""Subcommands that read or write the learner's state (filled in by the state store work)."""

from __future__ import annotations

import argparse


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add the state subcommands (stats, export-state, import-state, restore) to ``sub``."""
