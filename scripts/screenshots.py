"""Regenerate screenshots/*.svg from a scripted session (the same fixed data as the snapshots).

.venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.snapshots.scenario import SIZE, build_app  # noqa: E402

OUT = ROOT / "screenshots"


async def shoot() -> list[Path]:
    from awstui.exam import full_exam_config

    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(Path(tmp) / "data")
        async with app.run_test(size=SIZE) as pilot:

            async def save(name: str) -> None:
                await pilot.pause()
                await pilot.pause(0.3)
                path = OUT / f"{name}.svg"
                path.write_text(app.export_screenshot(title=f"awstui — {name}"), encoding="utf-8")
                written.append(path)

            await save("study")
            app.action_search()
            await pilot.pause()
            await pilot.press(*"stream")
            await save("search")
            await pilot.press("escape", "2")
            await save("questions")
            await pilot.press("4")
            await save("progress")
            await pilot.press("3")
            await save("exam-home")
            (await app.ensure_view("exam"))._start(full_exam_config(seed=7))
            await pilot.press("b", "n", "n", "f", "n", "c")
            await save("exam")
            await pilot.press("r")
            await save("exam-review")
            await pilot.press("escape")
            await pilot.press("s", "y")
            await save("results")
            await pilot.press("question_mark")
            await save("help")
        app.store.close()
    return written


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for path in asyncio.run(shoot()):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
