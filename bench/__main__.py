"""``python -m bench [ogc|map|postgis ...]``: run the benchmarks and record them in bench/README.md.

Benchmarks print tables; they never assert timings (they are not tests). The peers are
installed by ``scripts/setup-bench.sh``, run here first unless ``--no-setup``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from bench.servers import ROOT

PARTS = ("ogc", "map", "postgis", "soak")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("parts", nargs="*", metavar="{ogc,map,postgis,soak}", help="parts to run (default: all)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per query (default 10)")
    parser.add_argument("--sizes", type=lambda s: tuple(int(x) for x in s.split(",")),
                        help="feature counts, comma-separated (default per part)")
    parser.add_argument("--soak-seconds", type=int, default=600, help="length of the soak (default 600)")
    parser.add_argument("--no-setup", action="store_true", help="skip scripts/setup-bench.sh")
    args = parser.parse_args(argv)
    parts = args.parts or list(PARTS)
    if unknown := [p for p in parts if p not in PARTS]:
        parser.error(f"unknown part(s) {', '.join(unknown)}: choose from {', '.join(PARTS)}")
    if not args.no_setup:
        subprocess.run(["bash", str(ROOT / "scripts" / "setup-bench.sh")], check=True)
    kw = {"sizes": args.sizes} if args.sizes else {}
    for part in parts:
        if part == "ogc":
            from bench import ogc

            ogc.run(args.duration, **kw)
        elif part == "map":
            from bench import mapbench

            mapbench.run(**kw)
        elif part == "postgis":
            from bench import postgis

            postgis.run(args.duration, **kw)
        elif part == "soak":
            from bench import soak

            soak.run(args.soak_seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
