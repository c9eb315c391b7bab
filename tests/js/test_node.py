"""Runs the browser core's unit tests (``tests/js/*.test.mjs``) with Node's own runner, on fixtures
Python writes here, so ``make test`` (pytest) fails when the JS and the Python disagree."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.js.write_fixtures import write

HERE = Path(__file__).resolve().parent


def test_js_core_agrees_with_python(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "Node 20 is needed for the JS unit tests (apt-get install nodejs)"
    write(tmp_path)
    tests = sorted(str(p) for p in HERE.glob("*.test.mjs"))
    assert len(tests) >= 4
    run = subprocess.run([node, "--test", *tests], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "CRAFTMAP_JS_FIXTURES": str(tmp_path)}, check=False)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout and "# pass 0" not in run.stdout
