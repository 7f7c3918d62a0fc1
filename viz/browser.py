"""Open a rendered map in Debian's headless Chromium, driven by Playwright (the `test` extra):
pages load from file:// with every other request refused and recorded, so a caller can assert the
map made none. Used by the browser tests and the map benchmark.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Flags that work as root on these machines (see NOTES.md); the background-networking ones stop
#: Chromium from calling home on its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=zh-CN",  # date inputs and other browser chrome in Chinese, as analysts see them
]


def chromium_path() -> str | None:
    """Debian's chromium binary, if installed."""
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def launch_chromium(playwright: Any) -> Any:
    """Headless Debian Chromium (Playwright gives each launch a fresh user-data-dir)."""
    exe = chromium_path()
    if exe is None:
        raise RuntimeError("chromium is not installed (bash dev.sh test installs it)")
    return playwright.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)


@dataclass
class MapPage:
    """One opened map: the Playwright page plus everything the page tried that it should not."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    def eval(self, script: str, arg: Any = None) -> Any:
        """Evaluate a JS expression or function in the page."""
        return self.page.evaluate(script, arg)

    @property
    def problems(self) -> list[str]:
        """Everything that went wrong, for one assertion with a readable message."""
        return (
            [f"console: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"dialog: {m}" for m in self.dialogs]
            + [f"request: {u}" for u in self.outside_requests]
        )


class MapBrowser:
    """Opens map files in fresh offline contexts of one shared browser."""

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self._contexts: list[Any] = []

    def open(
        self,
        path: Path,
        *,
        timeout_ms: int = 60_000,
        viewport: tuple[int, int] = (1400, 900),
        ready: str = "window.kgMap && window.kgMap.ready === true",
    ) -> MapPage:
        """Load `path` from file:// with the network off, and wait until `ready` (the map's kgMap.ready)."""
        context = self.browser.new_context(
            offline=True, locale="zh-CN", viewport={"width": viewport[0], "height": viewport[1]}, device_scale_factor=1
        )
        self._contexts.append(context)
        page = context.new_page()
        opened = MapPage(page)

        def route(r: Any) -> None:
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                opened.outside_requests.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page.on("console", lambda m: opened.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.page_errors.append(str(e)))

        def on_dialog(d: Any) -> None:
            opened.dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()

        page.on("dialog", on_dialog)
        page.goto(Path(path).resolve().as_uri())
        page.wait_for_function(f"() => {ready}", timeout=timeout_ms)
        return opened

    def close(self) -> None:
        for context in self._contexts:
            context.close()
        self._contexts.clear()
