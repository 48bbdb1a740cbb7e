"""A ``Text("title", style=S)`` that more parts are appended to draws every part in S as well
(Rich's Text style is the base of all its spans): Progress's plan was underlined to the end of
each line. Parts are styled one by one instead: ``t = Text(); t.append("title", style=S)``."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "awstui"
STYLED_START = re.compile(
    r"^\s*(\w+) = Text\(f?\"[^)]*style="
)  # a literal first part (exam_text's base style is meant)


def test_no_text_with_a_base_style_has_parts_appended_to_it():
    found = []
    for path in SRC.rglob("*.py"):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            m = STYLED_START.match(line)
            if m and any(re.search(rf"\b{m.group(1)}\.append\(", later) for later in lines[i + 1 : i + 40]):
                found.append(f"{path.relative_to(SRC)}:{i + 1}: {line.strip()}")
    assert not found, "a base style runs under every appended part:\n" + "\n".join(found)


def test_the_plans_rows_are_not_drawn_in_its_titles_underline():
    from datetime import date

    from awstui.tui.widgets.progress_plan import PlanData, plan_text

    text = plan_text(PlanData(today=date(2026, 12, 3), reviews_due=3, services=55, bank=469, unseen=400), 100)
    assert "underline" not in str(text.style)
    start = text.plain.index("3 due") if "3 due" in text.plain else text.plain.index("Reviews due")
    assert not any("underline" in str(span.style) for span in text.spans if span.start <= start < span.end)
