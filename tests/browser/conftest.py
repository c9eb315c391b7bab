"""Fixtures of the browser tests: headless Chromium and ``visit(url)`` (helpers in tests/support/browser.py).

Without Chromium the tests skip with the reason, except under ``CI=true`` where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, Tab, Visit, open_page


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: run 'bash scripts/setup-test-system.sh' (or 'make test')."
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def visit(browser: Any) -> Iterator[Any]:
    """``visit(url, wait=True)`` opens a map page offline and waits until every layer has loaded."""
    contexts: list[Any] = []

    def visit_page(url: str, wait: bool = True) -> Visit:
        context = browser.new_context(viewport={"width": 1280, "height": 860})
        contexts.append(context)
        return open_page(context, url, wait)

    yield visit_page
    for context in contexts:
        context.close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    """A fresh context's page; an alert, confirm or prompt counts as an error (no page of ours opens one)."""
    t = Tab(browser)
    t.page.on("dialog", lambda d: (t.errors.append("dialog: " + d.message), d.dismiss()))
    yield t
    t.context.close()
