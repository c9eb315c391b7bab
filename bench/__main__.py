"""``python -m bench [ogc|map|pages|postgis|soak|goals ...]``: run the benchmarks and record them in bench/README.md.

Benchmarks print tables; they never assert timings (they are not tests). The peers are
installed by ``scripts/setup-bench.sh``, run here first unless ``--no-setup``. ``goals``
(run last by default) rates issue 15's goals from the figures the other parts kept.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from bench.servers import CRAFTMAP_TREE, ROOT


def _use_tree() -> None:
    """Load the synthetic stores with the same craftmap code the server runs (``BENCH_CRAFTMAP_TREE``)."""
    if CRAFTMAP_TREE == ROOT:
        return
    import tests.support.postgis  # noqa: F401  (the harness's own cluster helper, before the path changes)

    sys.dont_write_bytecode = True
    sys.path.insert(0, str(CRAFTMAP_TREE))


PARTS = ("ogc", "map", "pages", "postgis", "soak", "goals")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("parts", nargs="*", metavar="{ogc,map,pages,postgis,soak,goals}",
                        help="parts to run (default: all)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per query (default 10)")
    parser.add_argument("--sizes", type=lambda s: tuple(int(x) for x in s.split(",")),
                        help="feature counts, comma-separated (default per part)")
    parser.add_argument("--soak-seconds", type=int, default=600, help="length of the soak (default 600)")
    parser.add_argument("--no-setup", action="store_true", help="skip scripts/setup-bench.sh")
    parser.add_argument("--large", action="store_true",
                        help="add 1,000,000 features to the ogc and postgis sizes (also BENCH_LARGE=1)")
    args = parser.parse_args(argv)
    parts = args.parts or list(PARTS)
    if unknown := [p for p in parts if p not in PARTS]:
        parser.error(f"unknown part(s) {', '.join(unknown)}: choose from {', '.join(PARTS)}")
    if not args.no_setup:
        subprocess.run(["bash", str(ROOT / "scripts" / "setup-bench.sh")], check=True)
    _use_tree()
    kw = {"sizes": args.sizes} if args.sizes else {}
    for part in parts:
        if part == "ogc":
            from bench import ogc

            ogc.run(args.duration, large=args.large, **kw)
        elif part == "map":
            from bench import mapbench

            mapbench.run(large=args.large, **kw)
        elif part == "pages":
            from bench import pages

            pages.run()
        elif part == "postgis":
            from bench import postgis

            postgis.run(args.duration, large=args.large, **kw)
        elif part == "soak":
            from bench import soak

            soak.run(args.soak_seconds)
        elif part == "goals":
            from bench import goals

            goals.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
