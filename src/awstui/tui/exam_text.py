"""Exam text as Rich ``Text``: stems, options and explanations drawn as they are (never through
markup, control characters replaced), with inline ``code`` spans shown as code, and the
explanation and docs sections only when the question has them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

from ..content.text import for_display

CODE = Style(bold=True, color="cyan")  # an inline `code` span, its backticks dropped
INLINE_CODE = re.compile(r"`([^`\n]+)`")
NO_EXPLANATION = "The source gave no explanation for this question."


def exam_text(text: str, style: str | Style = "") -> Text:
    """``text`` as Text in ``style``, each `code` span (between single backticks on one line) in
    the code style without its backticks; an unmatched backtick stays as it is."""
    shown = for_display(text)
    out = Text(style=style)
    at = 0
    for m in INLINE_CODE.finditer(shown):
        out.append(shown[at : m.start()])
        out.append(m.group(1), style=CODE)
        at = m.end()
    out.append(shown[at:])
    return out


def explanation_sections(explanation: str, references: Sequence[str], ref_style: str = "underline") -> Text:
    """The "Why" and "Docs" sections: a question without an explanation says so once, and a
    section with nothing in it is left out (no empty heading)."""
    out = Text()
    if explanation.strip():
        out.append("Why\n", style="bold")
        out.append_text(exam_text(explanation.strip()))
    else:
        out.append(NO_EXPLANATION, style="dim italic")
    refs = [r for r in references if r.strip()]
    if refs:
        out.append("\n\nDocs\n", style="bold")
        out.append("\n".join(for_display(r) for r in refs), style=ref_style)
    return out
