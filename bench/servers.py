"""Server processes under test: each runs alone, one worker, on a free loopback port.

A server is a command line plus environment; :class:`Server` starts it in its own
process group, waits until a probe URL answers, and stops exactly that group. Just before
stopping, it reads the worker's peak resident memory (``VmHWM`` in ``/proc/PID/status``):
with ``--workers 1`` uvicorn serves from its own process, so that is the memory of one worker.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
PROJECT_PYTHON = ROOT / ".venv" / "bin" / "python"
# The craftmap source tree to serve (default: this one); another checkout can be measured with
# this repository's venv and harness, e.g. a branch with features this one lacks yet.
CRAFTMAP_TREE = Path(os.environ.get("BENCH_CRAFTMAP_TREE") or ROOT)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A named server command; ``{port}`` in ``argv`` is replaced by the port it gets."""

    name: str
    argv: list[str]
    probe: str  # path that answers 200 once the server is ready
    env: dict[str, str] = field(default_factory=dict)
    cwd: Path = ROOT
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None
    peak_rss_mb: float | None = None  # read when the server stops

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        self.port = self.port or free_port()
        argv = [a.replace("{port}", str(self.port)) for a in self.argv]
        WORK.mkdir(parents=True, exist_ok=True)
        self.log_path = WORK / f"{self.name}.log"
        env = {**os.environ, **{k: v.replace("{port}", str(self.port)) for k, v in self.env.items()}}
        with self.log_path.open("wb") as log:
            self.proc = subprocess.Popen(argv, cwd=self.cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        self._wait_ready()
        return self

    def _wait_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        assert self.proc is not None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited ({self.proc.returncode}); see {self.log_path}")
            try:
                if httpx.get(self.url + self.probe, timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"{self.name} did not answer {self.probe} within {timeout:.0f} s; see {self.log_path}")

    def rss_mb(self, field_name: str = "VmHWM") -> float | None:
        """Resident memory of the server process in MB (``VmHWM``: peak; ``VmRSS``: now)."""
        if self.proc is None:
            return None
        try:
            status = Path(f"/proc/{self.proc.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024
        return None

    def __exit__(self, *exc: object) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.peak_rss_mb = self.rss_mb()
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=5)


def uvicorn_argv(python: Path | str, app: str, *, factory: bool = False) -> list[str]:
    """One uvicorn worker, no access log (printing every request would be measured too)."""
    argv = [str(python), "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", "{port}", "--workers", "1",
            "--no-access-log", "--log-level", "warning"]
    return [*argv, "--factory"] if factory else argv


def craftmap(store: Path | None = None, database_url: str | None = None) -> Server:
    """craftmap's own app factory, bound to a GeoPackage or a PostGIS database."""
    # An empty database URL selects the GeoPackage even if the caller's environment names a database.
    env = {"CRAFTMAP_STORE": str(store) if store else "", "CRAFTMAP_DATABASE_URL": database_url or ""}
    if CRAFTMAP_TREE != ROOT:  # serve the other tree's code without writing bytecode into it
        env.update(PYTHONPATH=str(CRAFTMAP_TREE), PYTHONDONTWRITEBYTECODE="1")
    return Server("craftmap", uvicorn_argv(PROJECT_PYTHON, "api.app:create_app", factory=True), "/collections",
                  env=env, cwd=CRAFTMAP_TREE)
