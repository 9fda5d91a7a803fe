"""Playwright driving Debian's chromium (no browser download), with every request outside the book refused."""

from __future__ import annotations

import shutil
from contextlib import contextmanager

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@contextmanager
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def open_page(b, url: str, width: int = 1280, height: int = 900):
    """Open `url`; return (page, console errors, requests that left the book)."""
    context = b.new_context(viewport={"width": width, "height": height})
    errors, outside = [], []

    def route(r):
        if r.request.url.startswith(("file://", "data:", "blob:", "about:")):
            return r.continue_()
        outside.append(r.request.url)
        return r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}") if r.url.startswith("file://") else None)
    page.goto(url)
    page.wait_for_load_state("load")
    return page, errors, outside
