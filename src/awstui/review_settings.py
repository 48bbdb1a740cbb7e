"""The review mode's settings in one place: the key each is stored under (the store's settings),
its default and the values it may take. The config file's ``[review]`` table, the store (which
falls back to the default for a value out of range, one imported from a file included), the
review queue and the limits dialog all read them here. Constants only: imports nothing of awstui.
"""

from __future__ import annotations

from typing import NamedTuple


class ReviewSetting(NamedTuple):
    key: str  # in the store's settings
    kind: type  # int or float
    default: int | float
    low: int | float
    high: int | float

    def allows(self, value: object) -> bool:
        """Whether ``value`` is one this setting may take (a bool is not a number here)."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        if self.kind is int and not isinstance(value, int):
            return False
        return self.low <= value <= self.high

    def allows_above(self, value: object) -> bool:
        """Whether ``value`` is allowed or above the highest only (then read as the highest)."""
        return self.allows(value) or (
            self.kind is int and isinstance(value, int) and not isinstance(value, bool) and value > self.high
        )

    def describe(self) -> str:
        """``a whole number from 0-9999``, ``a number from 0.7-0.97``: for a message."""
        what = "a whole number" if self.kind is int else "a number"
        return f"{what} from {self.low:g}-{self.high:g}"


NEW_PER_DAY = "review.new_per_day"
REVIEWS_PER_DAY = "review.reviews_per_day"
DESIRED_RETENTION = "review.desired_retention"
MAX_PER_DAY = 9999

# the config file's [review] name -> the setting
REVIEW_SETTINGS: dict[str, ReviewSetting] = {
    "new_per_day": ReviewSetting(NEW_PER_DAY, int, 20, 0, MAX_PER_DAY),
    "reviews_per_day": ReviewSetting(REVIEWS_PER_DAY, int, 200, 0, MAX_PER_DAY),
    # FSRS's one knob: the chance of recalling an item when it comes due
    "desired_retention": ReviewSetting(DESIRED_RETENTION, float, 0.9, 0.70, 0.97),
}
DAILY_LIMITS = (REVIEW_SETTINGS["new_per_day"], REVIEW_SETTINGS["reviews_per_day"])
RETENTION = REVIEW_SETTINGS["desired_retention"]
