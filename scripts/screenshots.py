"""Regenerate screenshots/*.svg from a scripted session (the same fixed data as the snapshots),
and screenshots/browser.png: the app served by `awstui serve` in headless Chromium (Playwright
driving Debian's `chromium`, as tests/browser does; skipped with a message when either is missing).

.venv/bin/python scripts/screenshots.py             # all of them
.venv/bin/python scripts/screenshots.py --browser   # only browser.png
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.snapshots.scenario import SIZE, FrozenUtc, build_app  # noqa: E402

OUT = ROOT / "screenshots"


async def shoot() -> list[Path]:
    from awstui.exam import full_exam_config

    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        utc = FrozenUtc()
        app = build_app(Path(tmp) / "data", utc=utc)
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
            utc.t += timedelta(days=1)  # the next day, by the store's clock: the missed questions are due
            await pilot.press("escape", "b", "v")  # review mode: what is due (the missed questions, own cards)
            await save("review")
        app.store.close()
    return written


def shoot_browser() -> Path | None:
    """The Study view in a browser, on the same fixed data (seeded, then served)."""
    from tests.browser.serving import chromium_path, open_app, served, wait_for_screen

    chromium = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None
    if chromium is None:
        print("browser.png: skipped (needs Debian's chromium and the playwright package)", file=sys.stderr)
        return None
    path = OUT / "browser.png"
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        build_app(data_dir).store.close()
        with served(data_dir, Path(tmp) / "serve.log") as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, headless=True)
            page = open_app(browser, url)
            wait_for_screen(page, lambda s: "Amazon DynamoDB" in s and "RCU" in s, "the DynamoDB note")
            page.wait_for_timeout(800)  # the page fades the terminal in
            page.screenshot(path=str(path))
            browser.close()
    return path


def main() -> None:
    OUT.mkdir(exist_ok=True)
    written = [] if "--browser" in sys.argv[1:] else asyncio.run(shoot())
    written.append(shoot_browser())
    for path in written:
        if path is not None:
            print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
