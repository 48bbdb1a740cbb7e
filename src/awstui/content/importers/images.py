"""Images of an imported question, kept as visible text links.

A terminal cannot show an image, but dropping it leaves stems that say "as shown in the exhibit"
with nothing to see. So ``![alt](url)``, ``[![alt](url)](link)`` and ``<img src="url" alt="alt">``
become one text line each: ``[image: alt] url`` (``[image] url`` without alt text). The learner
sees where the picture is; :func:`image_links` finds those lines again (the TUI opens the
``https:`` ones).
"""

from __future__ import annotations

import re

_MD_IMAGE = re.compile(r"\[?!\[(?P<alt>[^\]\n]*)\]\((?P<url>[^)\n]*)\)\]?(?:\([^)\n]*\))?")
_HTML_IMAGE = re.compile(r"<img\b(?P<attrs>[^>\n]*)>", re.IGNORECASE)
_ATTR = re.compile(
    r"""\b(?P<name>src|alt)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))""", re.IGNORECASE
)
_LINK_LINE = re.compile(r"^\[image(?::[ \t]*(?P<alt>[^\]\n]*))?\][ \t]+(?P<url>\S+)[ \t]*$", re.MULTILINE)
# "Option A.", "A)", "(b)", "Answer 3", "Choice C": an option that only points at a picture
_PLACEHOLDER = re.compile(r"^(?:(?:option|answer|choice)[ \t]*)?\(?[a-j1-9]\)?[ \t]*[.):]?$", re.IGNORECASE)


def _link(alt: str, url: str) -> str:
    alt, url = " ".join(alt.split()), url.strip().split(" ")[0] if url.strip() else ""
    head = f"[image: {alt}]" if alt else "[image]"
    return f"{head} {url}" if url else head


def _html(m: re.Match[str]) -> str:
    attrs = {
        a.group("name").lower(): a.group("dq") or a.group("sq") or a.group("bare") or ""
        for a in _ATTR.finditer(m.group("attrs"))
    }
    return _link(attrs.get("alt", ""), attrs.get("src", ""))


def show_images(text: str) -> str:
    """``text`` with every image written as its ``[image: alt] url`` line."""
    if "![" not in text and "<img" not in text.lower():
        return text
    text = _MD_IMAGE.sub(lambda m: "\x00" + _link(m.group("alt"), m.group("url")) + "\x00", text)
    text = _HTML_IMAGE.sub(lambda m: "\x00" + _html(m) + "\x00", text)
    text = re.sub(r"[ \t]*\x00(?:[ \t]*\x00)*[ \t]*", "\n", text)  # each image on a line of its own
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def without_images(text: str) -> str:
    """``text`` with its image markup (or ``[image: ...]`` lines) taken out."""
    text = _HTML_IMAGE.sub(" ", _MD_IMAGE.sub(" ", text))
    return _LINK_LINE.sub(" ", text).strip()


def has_image(text: str) -> bool:
    return bool(_MD_IMAGE.search(text) or _HTML_IMAGE.search(text) or _LINK_LINE.search(text))


def is_placeholder(text: str) -> bool:
    """Whether an option's text, its images left out, is nothing or only a label ("Option A.")."""
    rest = " ".join(without_images(text).split())
    return not rest or bool(_PLACEHOLDER.match(rest))


def image_links(text: str) -> list[tuple[str, str]]:
    """The ``(alt, url)`` of every ``[image: alt] url`` line of a stored question text."""
    return [(m.group("alt") or "", m.group("url")) for m in _LINK_LINE.finditer(text)]
