"""data/README.md from its template, with the counts of the build filled in."""

from __future__ import annotations

from pathlib import Path
from string import Template

TEMPLATE = Path(__file__).resolve().parent / "README.template.md"


def write_readme(out: Path, counts: dict[str, int]) -> None:
    text = Template(TEMPLATE.read_text(encoding="utf-8")).substitute(counts)
    (out / "README.md").write_text(text, encoding="utf-8")
