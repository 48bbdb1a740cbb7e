"""The store's checks on what it is handed: each returns the value (normalised) or raises ``StoreError``.

The same checks serve the store's methods and the export parser (``exchange.parse`` re-raises
their message with the path of the item in the file).
"""

from __future__ import annotations

import json
import math
from typing import Any

from .errors import StoreError

MAX_ID_LEN = 500


def describe(err: BaseException) -> str:
    """An error as one line of text."""
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0]


def check_id(value: object, what: str = "id") -> str:
    if not isinstance(value, str) or not value.strip():
        raise StoreError(f"{what} must be a non-empty string, not {value!r}")
    if len(value) > MAX_ID_LEN:
        raise StoreError(f"{what} is too long ({len(value)} characters; at most {MAX_ID_LEN})")
    return value


def check_text(value: object, what: str = "text") -> str:
    if not isinstance(value, str):
        raise StoreError(f"{what} must be a string, not {type(value).__name__}")
    return value


def check_question_text(value: object) -> str:
    """A question's text: a string with something in it besides white space."""
    text = check_text(value, "question text")
    if not text.strip():
        raise StoreError("a question needs some text")
    return text


def check_seconds(value: object, what: str, *, optional: bool = False) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise StoreError(f"{what} must be a finite number of seconds >= 0, not {value!r}")
    return float(value)


def check_position(value: object) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise StoreError(f"position must be an integer >= 0, not {value!r}")
    return value


def check_attempt_id(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise StoreError(f"attempt id must be an integer, not {value!r}")
    return value


def check_dict(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise StoreError(f"{what} must be a dict, not {type(value).__name__}")
    return value


def check_option_order(order: object, what: str) -> list[int]:
    if (
        not isinstance(order, list)
        or not all(isinstance(i, int) and not isinstance(i, bool) for i in order)
        or sorted(order) != list(range(len(order)))
    ):
        raise StoreError(f"{what} must be a permutation of 0..n-1 (original option indices), not {order!r}")
    return list(order)


def check_selected(selected: object, n_options: int | None, what: str) -> list[int]:
    if not isinstance(selected, (list, tuple)) or not all(
        isinstance(i, int) and not isinstance(i, bool) for i in selected
    ):
        raise StoreError(f"{what} must be a list of option indices, not {selected!r}")
    picked = sorted(set(selected))
    if len(picked) != len(selected):
        raise StoreError(f"{what} lists an option twice: {list(selected)!r}")
    if picked and (picked[0] < 0 or (n_options is not None and picked[-1] >= n_options)):
        bound = f"0..{n_options - 1}" if n_options is not None else ">= 0"
        raise StoreError(f"{what}: option indices must be in {bound}, not {list(selected)!r}")
    return picked


def dumps(value: object, what: str) -> str:
    """``value`` as JSON text (no NaN, non-ASCII kept), or ``StoreError``."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as err:
        raise StoreError(f"{what} is not JSON-serialisable: {describe(err)}") from None


def loads(text: str | None, what: str) -> Any:
    """Saved JSON text back as a value (None stays None), or ``StoreError``."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        raise StoreError(f"the saved {what} is not valid JSON (was the database edited by hand?)") from None
