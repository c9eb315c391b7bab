"""A throwaway PostgreSQL + PostGIS cluster for tests and benchmarks.

``start_cluster()`` runs ``initdb`` and ``pg_ctl`` (as the ``postgres`` user when we are root,
since PostgreSQL refuses to run as root) on a free loopback port with its unix socket in a
temporary folder, creates a ``craftmap_template`` database with PostGIS, and returns a
``Cluster`` whose ``new_database()`` clones that template in a fraction of a second.
It works outside pytest too (the benchmark uses it)::

    from tests.support.postgis import start_cluster
    with start_cluster() as cluster:
        url = cluster.new_database("bench")        # postgresql://postgres@127.0.0.1:PORT/bench
        store = PostgisStore(url); store.load_all({...})

The pytest fixtures ``postgis_cluster`` and ``pg_url`` (tests/conftest.py) build on it. When
PostgreSQL cannot be found or started the PostGIS tests are skipped with the reason, except when
``CI=true``: then they fail, so a CI run can never pass without exercising the PostGIS store.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.support.servers import free_port

TEMPLATE = "craftmap_template"
SETUP_HINT = "run 'bash scripts/setup-test-system.sh' (apt-get install postgresql postgis)"


class ClusterUnavailable(RuntimeError):
    """PostgreSQL + PostGIS cannot be found or started on this machine."""


def _bindir() -> Path:
    override = os.environ.get("CRAFTMAP_PG_BINDIR")
    if override:
        if (Path(override) / "initdb").exists():
            return Path(override)
        raise ClusterUnavailable(f"CRAFTMAP_PG_BINDIR={override} has no initdb.")
    for c in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(c) / "initdb").exists():
            return Path(c)
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise ClusterUnavailable(f"PostgreSQL's initdb not found: {SETUP_HINT}.")


class Cluster:
    """A running throwaway cluster; ``stop()`` (or leaving the ``with`` block) removes it."""

    def __init__(self, bindir: Path, root: Path, port: int, run_as: str | None) -> None:
        self.bindir, self.root, self.port, self.run_as = bindir, root, port, run_as
        self.datadir = root / "data"
        self.sockdir = root / "sock"
        self._names = itertools.count(1)

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def _run(self, *args: str, timeout: float = 120) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        if proc.returncode != 0:
            raise ClusterUnavailable(f"{args[0]} failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")

    def start(self) -> Cluster:
        self._run("initdb", "-D", str(self.datadir), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        opts = (f"-p {self.port} -k {self.sockdir} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run("pg_ctl", "-D", str(self.datadir), "-o", opts, "-l", str(self.root / "server.log"),
                  "-w", "-t", "60", "start")
        self._template()
        return self

    def _template(self) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {TEMPLATE}")
        try:
            with psycopg.connect(self.url(TEMPLATE), autocommit=True) as conn:
                conn.execute("CREATE EXTENSION postgis")
        except psycopg.Error as exc:
            raise ClusterUnavailable(f"PostGIS extension unavailable ({exc}): {SETUP_HINT}.") from None

    def new_database(self, name: str | None = None) -> str:
        """A fresh database with PostGIS (cloned from the template); returns its URL."""
        import psycopg

        name = name or f"t{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE {TEMPLATE}')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.datadir.exists():
            try:
                self._run("pg_ctl", "-D", str(self.datadir), "-m", "immediate", "-w", "stop", timeout=60)
            except ClusterUnavailable:
                pass
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_cluster() -> Cluster:
    """Start a throwaway cluster with a PostGIS template database; raise ``ClusterUnavailable``."""
    bindir = _bindir()
    run_as = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            raise ClusterUnavailable("Running as root but there is no 'postgres' user to run the server.") \
                from None
        run_as = "postgres"
    root = Path(tempfile.mkdtemp(prefix="craftmap-pg-"))
    (root / "sock").mkdir()
    if run_as:
        entry = pwd.getpwnam(run_as)
        for p in (root, root / "sock"):
            os.chown(p, entry.pw_uid, entry.pw_gid)
    cluster = Cluster(bindir, root, free_port(), run_as)
    try:
        return cluster.start()
    except BaseException:
        cluster.stop()
        raise


def unavailable(reason: str) -> None:
    """Skip outside CI; fail in CI so PostGIS tests are never silently skipped there."""
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"PostGIS tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"PostGIS unavailable: {reason}")

