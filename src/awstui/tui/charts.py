"""Charts drawn as Rich ``Text`` for a given width: the score trend with the pass line,
accuracy bars, the study-activity calendar. No markup: labels are content text, kept as it is
(``for_display``). Each function is pure (the width, the data and "today" are passed in)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from rich.text import Text

from ..content.text import for_display

LOW, HIGH, PASS = 100, 1000, 720  # DVA-C02's scaled score
PASS_PERCENT = 72  # the bars' pass tick: 720 of 100-1000 is about 72 % right
AXIS = 6  # "1000 ┤"
POINT, PASS_RULE = "●", "╌"
MAX_BAR = 48  # the longest accuracy bar, in cells


def score_range(scores: Sequence[int]) -> tuple[int, int]:
    """The chart's axis: the scores and the pass mark with a margin, in steps of 50, within
    100-1000 (a whole 100-1000 axis squeezed every real score into two rows)."""
    values = [*scores, PASS]
    lo = max(LOW, (min(values) - 25) // 50 * 50)
    hi = min(HIGH, -(-(max(values) + 25) // 50) * 50)
    return lo, max(hi, lo + 50)


def _row_of(value: float, lo: int, hi: int, height: int) -> int:
    """The chart row (0 = top) of a scaled score."""
    frac = (min(max(value, lo), hi) - lo) / (hi - lo)
    return height - 1 - round(frac * (height - 1))


def score_chart(scores: Sequence[int], width: int, height: int = 8) -> Text:
    """Scaled scores (oldest first) as points with the pass line at 720, one column a score
    (the newest that fit ``width``), spread out when there are few."""
    plot = max(1, width - AXIS)
    shown = list(scores)[-plot:]
    step = max(1, min(3, plot // max(1, len(shown))))
    lo, hi = score_range(shown)
    pass_row = _row_of(PASS, lo, hi, height)
    cells = {(_row_of(s, lo, hi, height), i * step): s for i, s in enumerate(shown)}
    labels = {0: str(hi), height - 1: str(lo), pass_row: str(PASS)}
    out = Text()
    for row in range(height):
        label = labels.get(row, "")
        out.append(f"{label:>4} {'┤' if label else '│'}", style="dim")
        runs: list[tuple[str, str]] = []  # (text, style): one part per run of a style, not per cell
        for col in range(plot):
            score = cells.get((row, col))
            if score is not None:
                glyph, style = POINT, "bold green" if score >= PASS else "bold red"
            else:
                glyph, style = (PASS_RULE, "yellow") if row == pass_row else (" ", "")
            if runs and runs[-1][1] == style:
                runs[-1] = (runs[-1][0] + glyph, style)
            else:
                runs.append((glyph, style))
        for text, style in runs:
            out.append(text, style=style)
        out.append("\n")
    span = f"{len(shown)} newest" if len(shown) < len(scores) else f"{len(shown)} attempt{'s' * (len(shown) != 1)}"
    out.append(" " * (AXIS - 1) + "└" + "─" * plot + "\n", style="dim")
    legend = f"scaled score, oldest → newest ({span}) · "
    if AXIS + len(legend) + 11 > width:
        legend = f"{span} · "
    out.append(" " * AXIS + legend, style="dim")
    out.append(PASS_RULE * 2 + " ", style="yellow")
    out.append(f"pass {PASS}", style="dim")
    return out


def _bar_style(percent: float) -> str:
    return "green" if percent >= PASS_PERCENT else "yellow" if percent >= 50 else "red"


def accuracy_bars(rows: Sequence[tuple[str, int, int]], width: int) -> Text:
    """``(label, correct, total)`` as labelled bars with their percent; a tick at the pass mark
    (``PASS_PERCENT``) where the bar does not reach it."""
    out = Text()
    if not rows:
        return out
    labels = [for_display(label) for label, _, _ in rows]
    figures = [f"{100 * ok / total if total else 0:.0f} % {ok}/{total}" for _, ok, total in rows]
    fig_w = max(len(f) for f in figures) + 3  # "100" is 2 wider than "0"
    label_w = min(max(len(s) for s in labels), max(8, (width - fig_w) // 2))
    bar_w = max(4, min(MAX_BAR, width - label_w - 1 - fig_w))
    for i, ((_, ok, total), label, figure) in enumerate(zip(rows, labels, figures, strict=True)):
        percent = 100 * ok / total if total else 0.0
        filled = round(bar_w * percent / 100)
        tick = min(bar_w - 1, round(bar_w * PASS_PERCENT / 100)) if percent < PASS_PERCENT else -1
        out.append("\n" if i else "")
        out.append((label if len(label) <= label_w else label[: label_w - 1] + "…").ljust(label_w) + " ")
        out.append("█" * filled, style=_bar_style(percent))
        for col in range(filled, bar_w):
            out.append("┊" if col == tick else "░", style="yellow" if col == tick else "dim")
        percent_w = len(f"{percent:.0f}")
        out.append(" " * (1 + 3 - percent_w), style="dim")  # the gap ends the bar's part (no part starts with one)
        out.append(figure)
    return out


# ------------------------------------------------------------------ the activity calendar

LEVEL_STYLES = ("grey35", "#0e4429", "#006d32", "#26a641", "#39d353")
CELL = "■"
WEEKS = 26
DAY_LABELS = {0: "Mon", 2: "Wed", 4: "Fri"}


def level(count: int, most: int) -> int:
    """0 (nothing) to 4 (the busiest day's quarter), as GitHub's contribution graph shades."""
    if count <= 0 or most <= 0:
        return 0
    return max(1, min(4, -(-4 * count // most)))


def calendar_weeks(width: int, weeks: int = WEEKS) -> int:
    """How many weeks fit ``width`` (a 4-cell day label, then two cells a week)."""
    return max(1, min(weeks, (width - 4) // 2))


def activity_calendar(counts: dict[date, int], today: date, width: int, weeks: int = WEEKS) -> Text:
    """One cell a day, Monday to Sunday down, the oldest week left, ``today``'s week right;
    month names over the weeks they begin; a legend and the totals below."""
    n = calendar_weeks(width, weeks)
    first = today - timedelta(days=today.weekday() + 7 * (n - 1))
    shown = {d: c for d, c in counts.items() if first <= d <= today and c > 0}
    most = max(shown.values(), default=0)
    months = [" "] * (2 * n)
    for w in range(n):
        monday = first + timedelta(weeks=w)
        starts = monday.month != (monday - timedelta(weeks=1)).month
        # the first column's month only if it lasts long enough for its name (GitHub's habit)
        if (w == 0 and (monday + timedelta(weeks=2)).month == monday.month) or (w and starts):
            name = monday.strftime("%b")
            if all(c == " " for c in months[2 * w : 2 * w + len(name) + 1]):
                months[2 * w : 2 * w + len(name)] = name
    out = Text("    " + "".join(months).rstrip() + "\n", style="dim")
    for weekday in range(7):
        out.append(f"{DAY_LABELS.get(weekday, ''):<4}", style="dim")
        for w in range(n):
            day = first + timedelta(weeks=w, days=weekday)
            if day > today:
                out.append("  ")
                continue
            out.append(CELL, style=LEVEL_STYLES[level(shown.get(day, 0), most)])
            out.append(" ")
        out.append("\n")
    out.append("    less ", style="dim")
    for style in LEVEL_STYLES:
        out.append(CELL, style=style)
    out.append(" ", style=LEVEL_STYLES[-1])  # the gap ends the part before it (no part starts with one)
    out.append("more   ", style="dim")
    total = sum(shown.values())
    out.append(f"{len(shown)} active day{'s' * (len(shown) != 1)}, {total} action{'s' * (total != 1)} in {n} weeks")
    return out
