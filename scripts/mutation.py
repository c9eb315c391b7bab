"""`make mutation`: mutmut over the modules whose figures officers and the public read.

Each module is mutated alone, in its own scratch folder (``var/mutation/<name>``), and each mutant is
judged by that module's own fast tests only (PostGIS, browser and client tests and the tests named
``real_…`` that load the whole shipped dataset deselected), so a run
fits a 2-core machine. A module with more mutants than its budget is sampled: ``random.Random(SEED)``
picks the same mutants on every run, and the table says "sample". The table of figures replaces the
section between the markers in ``tests/MUTATION.md``; the equivalent mutants listed there (by name) are
taken out of the denominator, and any listed name that no longer exists or no longer survives is
reported so the list does not rot.

Usage: ``python scripts/mutation.py [--report | --again] [name ...]`` (no names: every module; ``--report`` only
re-reads the results left in ``var/mutation`` by an earlier, possibly interrupted, run; ``--again`` first judges
that run's survivors again with the current tests).
"""

from __future__ import annotations

import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "mutation"
REPORT = ROOT / "tests" / "MUTATION.md"
MUTMUT = Path(sys.executable).parent / "mutmut"
SEED = 17
START, END = "<!-- mutation:start -->", "<!-- mutation:end -->"
# the module's fast tests: no PostGIS, browser or client tests, and not the ones loading the whole shipped dataset
PYTEST_ARGS = ["-p", "no:cacheprovider", "-q", "-m", "not postgis and not browser and not client", "-k", "not real_"]


@dataclass(frozen=True)
class Target:
    """One module under mutation and the tests that own it; ``budget`` caps the mutants run."""

    name: str
    source: str
    tests: tuple[str, ...]
    budget: int = 200


# The fast test files of each module: the *_figures files build their records in memory or one store per module;
# the older files next to them build a store per test and would make a run several times longer.
TARGETS = (
    Target("money", "geo/i18n/money.py", ("tests/geo/test_money.py",)),
    Target("text", "geo/spatial/text.py", ("tests/geo/test_text.py",)),
    Target("validate", "geo/records/validate.py",
           ("tests/geo/test_validate.py", "tests/geo/test_validate_rules.py")),
    Target("capacity", "geo/analysis/capacity.py",
           ("tests/geo/test_capacity.py", "tests/geo/test_capacity_figures.py", "tests/geo/test_capacity_defaults.py")),
    Target("site_search", "geo/analysis/site_search.py", ("tests/geo/test_site_search_figures.py",)),
    Target("relocation", "geo/analysis/relocation.py", ("tests/geo/test_relocation_figures.py",)),
    Target("stats", "geo/analysis/stats.py", ("tests/geo/test_stats_figures.py",)),
    Target("filter", "geo/store/sql/filter.py",
           ("tests/geo/test_sql_filter.py", "tests/geo/test_sql_filter_compile.py")),
)


def _prepare(t: Target) -> Path:
    """A scratch project: the packages, data and tests, and a pyproject whose [tool.mutmut] names ``t``."""
    folder = WORK / t.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in ("geo", "api", "maps", "data", "tests"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    _configure(folder, t)
    return folder


def _configure(folder: Path, t: Target) -> None:
    """The scratch project's pyproject: the repository's, with a [tool.mutmut] naming ``t`` and its tests."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    config = {"source_paths": ["geo"], "only_mutate": [t.source], "also_copy": ["api", "maps", "data"],
              "pytest_add_cli_args_test_selection": list(t.tests), "pytest_add_cli_args": PYTEST_ARGS}
    lines = [f"{key} = {json.dumps(value)}" for key, value in config.items()]
    (folder / "pyproject.toml").write_text(pyproject + "\n[tool.mutmut]\n" + "\n".join(lines) + "\n",
                                           encoding="utf-8")


def _mutmut(folder: Path, *args: str) -> int:
    """Run mutmut in the scratch folder; its chatter goes to ``var/mutation/<name>.log``. Its exit code."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    with (folder.parent / f"{folder.name}.log").open("a", encoding="utf-8") as log:
        return subprocess.run([str(MUTMUT), *args], cwd=folder, env=env, check=False, stdout=log,
                              stderr=log).returncode


def check_test_ids(t: Target) -> list[str]:
    """The module's test ids that pytest escapes (accents, backslashes): mutmut hands the escaped ids back to
    pytest, which finds no such test, and the run stops before its first mutant. Give those tests plain ids."""
    out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", *PYTEST_ARGS, *t.tests], cwd=ROOT,
                         check=False, capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if "::" in line and "\\" in line]


def _results(folder: Path, t: Target) -> dict[str, int | None]:
    meta = folder / "mutants" / (t.source + ".meta")
    return dict(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])


def run(t: Target) -> tuple[dict[str, int | None], list[str]]:
    """Mutant name → mutmut exit code for the mutants run, and the names of all the module's mutants."""
    escaped = check_test_ids(t)
    if escaped:
        raise SystemExit(f"{t.name}: test ids mutmut cannot hand back to pytest (give them plain ids):\n"
                         + "\n".join(escaped))
    folder = _prepare(t)
    (WORK / f"{t.name}.log").unlink(missing_ok=True)
    first = _prefix(t.source) + "*__mutmut_1"
    _mutmut(folder, "run", "--max-children", "2", first)  # generates every mutant, runs one
    names = sorted(_results(folder, t))
    chosen = sample(t, names)
    if code := _mutmut(folder, "run", "--max-children", "2", *chosen):
        print(f"{t.name}: mutmut stopped with exit code {code}; see var/mutation/{t.name}.log", file=sys.stderr)
    codes = _results(folder, t)
    return {n: codes[n] for n in chosen}, names


def sample(t: Target, names: list[str]) -> list[str]:
    """The mutants a run judges: all of them, or ``t.budget`` picked by ``random.Random(SEED)``."""
    return names if len(names) <= t.budget else sorted(random.Random(SEED).sample(names, t.budget))


def again(t: Target) -> None:
    """Judge the survivors of the last run again with the tests as they are now (a quick check while killing
    survivors; the figures for the record come from a full run). When the module's list of test files changed,
    mutmut forgets the earlier results, and the table shows only the survivors judged again."""
    folder = WORK / t.name
    for dest in (folder / "tests", folder / "mutants" / "tests"):
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(ROOT / "tests", dest, ignore=shutil.ignore_patterns("__pycache__"))
    _configure(folder, t)
    shutil.copy(folder / "pyproject.toml", folder / "mutants" / "pyproject.toml")
    every = _results(folder, t)
    left = [n for n in sample(t, sorted(every)) if every[n] not in KILLED]
    if left:
        _mutmut(folder, "run", "--max-children", "2", *left)


KILLED = {1, 3, 36, -24, 24, 152, 255}  # a failing test, or a timeout (the mutant hangs)


def equivalents() -> dict[str, str]:
    """The mutants ``tests/MUTATION.md`` lists as equivalent: name → reason."""
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else ""
    return dict(re.findall(r"^\| `([\w.]+__mutmut_\d+)` \| (.+?) \|$", text, flags=re.MULTILINE))


def row(t: Target, codes: dict[str, int | None], total: int, known: dict[str, str],
        measured: datetime | None = None) -> tuple[str, list[str], float]:
    """The module's table row, its unexplained survivors and its score."""
    killed = [n for n, c in codes.items() if c in KILLED]
    equivalent = [n for n in codes if n in known and n not in killed]
    survivors = sorted(n for n in codes if n not in killed and n not in equivalent)
    counted = len(codes) - len(equivalent)
    score = 100.0 * len(killed) / counted if counted else 0.0  # nothing run is nothing shown
    run_note = f"{len(codes)} of {total} (sample, seed {SEED})" if len(codes) < total else str(total)
    if len(codes) < min(t.budget, total):  # an interrupted run: mutmut runs the quickest mutants first
        run_note += f", interrupted before {min(t.budget, total)}"
    when = (measured or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    return (f"| {t.source} | {' '.join(t.tests)} | {run_note} | {len(killed)} | {len(equivalent)} | "
            f"{len(survivors)} | {f'{score:.1f} %' if codes else 'not measured'} | {when} |", survivors, score)


def write(rows: dict[str, str], survivors: dict[str, list[str]], stale: list[str], command: str) -> None:
    """Rewrite the report's section: rows of modules run now replace theirs, the others stay as they were."""
    text = REPORT.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    old, _, tail = rest.partition(END)
    kept = {line.split(" | ")[0][2:]: line for line in old.splitlines() if re.match(r"^\| geo/", line)}
    kept_survivors = [line for line in old.splitlines() if line.startswith("- `")
                      and not any(line[3:].startswith(_prefix(t.source)) for t in TARGETS if t.source in rows)
                      and "equivalent" not in line]
    table = [kept.get(t.source, "") if t.source not in rows else rows[t.source] for t in TARGETS]
    body = [f"Machine: {os.cpu_count()} CPU, Python {platform.python_version()}, mutmut {_mutmut_version()}; "
            f"last command: `{command}`.", "",
            "| module | its tests | mutants run | killed | equivalent | survived | score | measured |",
            "|---|---|---|---|---|---|---|---|", *[line for line in table if line], ""]
    left = kept_survivors + [f"- `{n}`" for names in survivors.values() for n in names]
    if left:
        body += ["Survivors not listed as equivalent (to kill or to explain):", "", *left, ""]
    if stale:
        body += ["Listed as equivalent but killed or gone now (remove from the list):", ""]
        body += [f"- `{n}` (equivalent listed, killed or gone)" for n in stale] + [""]
    REPORT.write_text(head + START + "\n" + "\n".join(body) + END + tail, encoding="utf-8")


def _prefix(source: str) -> str:
    return source.removesuffix(".py").replace("/", ".") + "."


def _mutmut_version() -> str:
    from importlib.metadata import version

    return version("mutmut")


def main(argv: list[str]) -> int:
    """Run the modules named (all without names); ``--report`` re-reads the last run's results instead,
    ``--again`` first judges that run's survivors again."""
    report_only = "--report" in argv or "--again" in argv
    names = [a for a in argv if a not in ("--report", "--again")]
    by_name = {t.name: t for t in TARGETS}
    chosen = [by_name[name] for name in names] if names else list(TARGETS)  # in the order asked
    known = equivalents()
    rows: dict[str, str] = {}
    survivors: dict[str, list[str]] = {}
    stale: list[str] = []
    low: list[str] = []
    command = "make mutation" + (f" MODULES='{' '.join(argv)}'" if argv else "")
    for t in chosen:
        if report_only:
            if "--again" in argv:
                again(t)
            every = _results(WORK / t.name, t)
            all_names = sorted(every)
            codes = {n: every[n] for n in sample(t, all_names) if every[n] is not None}
            meta = WORK / t.name / "mutants" / (t.source + ".meta")
            measured: datetime | None = datetime.fromtimestamp(meta.stat().st_mtime, UTC)
        else:
            (codes, all_names), measured = run(t), None
        rows[t.source], survivors[t.name], score = row(t, codes, len(all_names), known, measured)
        stale += sorted(n for n in known if n.startswith(_prefix(t.source))
                        and (n not in all_names or codes.get(n) in KILLED))
        print(rows[t.source], file=sys.stderr)
        if score < 85:
            low.append(t.name)
        write(rows, survivors, stale, command)  # after each module: an interrupted run keeps what it measured
    if low:
        print(f"below 85 %: {', '.join(low)}", file=sys.stderr)
    return 1 if low else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
