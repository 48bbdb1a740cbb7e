"""Bigger content for the benchmarks: the bundled Library multiplied N times, in memory.

    from gen_content import multiply, bundled_library
    big = multiply(bundled_library(), 100)

    .venv/bin/python bench/gen_content.py [N]     # prints what N x holds

Copy 0 is the bundled content as it is; copy k (1..N-1) of every service gets the id
``<id>-x<k>`` and the name ``<name> (<k>)`` in the same category, with the same notes (so
the bullets are multiplied N times; each copy's bullet texts get `` [k]`` appended so no two
strings are the same object). Open questions and exam questions are copied the same way and
point at their service's copy. Nothing touches the disk; tree order is kept (category, name).
"""

from __future__ import annotations

import sys
from dataclasses import replace


def bundled_library():
    from awstui.content import load_library
    from awstui.paths import bundled_content_dir

    return load_library([bundled_content_dir()])


def _copy_bullet(bullet, suffix: str):
    return replace(bullet, text=bullet.text + suffix, children=tuple(_copy_bullet(c, suffix) for c in bullet.children))


def multiply(library, factor: int):
    """A Library with ``factor`` copies of every service, open question and exam question."""
    from awstui.content.models import Library

    if factor <= 1:
        return library
    services = list(library.services)
    questions = list(library.questions)
    exam = list(library.exam)
    for k in range(1, factor):

        def sid(old: str, k: int = k) -> str:
            return f"{old}-x{k}"

        suffix = f" [{k}]"
        for s in library.services:
            services.append(
                replace(s, id=sid(s.id), name=f"{s.name} ({k})", notes=tuple(_copy_bullet(b, suffix) for b in s.notes))
            )
        for q in library.questions:
            questions.append(replace(q, id=sid(q.id), services=tuple(sid(x) for x in q.services), text=q.text + suffix))
        for e in library.exam:
            exam.append(replace(e, id=sid(e.id), services=tuple(sid(x) for x in e.services), stem=e.stem + suffix))
    order = {c.id: i for i, c in enumerate(library.categories)}
    services.sort(key=lambda s: (order.get(s.category, len(order)), s.name.lower()))
    return Library(
        categories=library.categories,
        services=tuple(services),
        questions=tuple(questions),
        exam=tuple(exam),
        problems=library.problems,
    )


def describe(library) -> str:
    items = sum(1 for s in library.services for _ in s.bullets())
    return (
        f"{len(library.services)} services, {items} note items, {len(library.questions)} open questions, "
        f"{len(library.exam)} exam questions"
    )


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    print(f"{n}x: {describe(multiply(bundled_library(), n))}")
