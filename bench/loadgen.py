"""The load generator: ``wrk`` with one thread and 8 connections, the same for every server.

One wrk thread keeps to one core, leaving the other of this 2-core machine to the server.
Latencies therefore include queueing behind up to 7 other requests: they are what a
client sees under that load, not the bare service time.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

THREADS = 1
CONNECTIONS = 8

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}
_PCT = re.compile(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$", re.M)


@dataclass(frozen=True)
class Result:
    """Throughput and latency (ms) of one run; ``errors`` counts non-2xx answers and socket errors."""

    requests: int
    rps: float
    p50_ms: float | None
    p99_ms: float | None
    errors: int


def parse(out: str) -> Result:
    pct = {m.group(1): float(m.group(2)) * _UNITS[m.group(3)] for m in _PCT.finditer(out)}
    reqs = re.search(r"(\d+) requests in", out)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(int(g) for g in sock.groups()) if sock else 0)
    return Result(requests=int(reqs.group(1)) if reqs else 0, rps=float(rps.group(1)) if rps else 0.0,
                  p50_ms=pct.get("50"), p99_ms=pct.get("99"), errors=errors)


def cycle_script(paths: list[str]) -> str:
    """A wrk Lua script requesting ``paths`` (path + query, same host) in turn, e.g. the tiles of a zoom."""
    quoted = ", ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
    return (f"local paths = {{{quoted}}}\nlocal i = 0\n"
            "request = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n")


def run(url: str, duration_s: int, paths: list[str] | None = None) -> Result:
    """Hammer ``url`` (or, given ``paths``, each of them in turn on its host) for ``duration_s`` seconds;
    a request slower than 30 s counts as an error."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk is missing: run scripts/setup-bench.sh (apt-get install wrk)")
    argv = [wrk, f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration_s}s", "--latency", "--timeout", "30s"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if paths:
            script.write(cycle_script(paths))
            script.flush()
            argv += ["-s", script.name]
        out = subprocess.run([*argv, url], capture_output=True, text=True, check=True,
                             timeout=duration_s + 90).stdout
    return parse(out)
