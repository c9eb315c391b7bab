"""Files held between the import wizard's steps: upload, preview, confirm, result.

Each upload lives in its own folder (mode 0700) under the system's temporary directory, named by
128 random bits, with ``meta.json`` (collection, CRS asked for, owner, original name, time) and,
once confirmed, ``status.json`` (phase, rows done of total, then the result or the problems). Only
the person who uploaded a file sees or confirms it; a folder older than ``MAX_AGE_S`` is gone
(swept at every new upload, refused when asked for). The status lives in a file, not in memory, so
any worker process of the same machine can answer the progress page.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Collection as Container
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from geo.model.collections import Collection
from geo.model.errors import CraftmapError, FeatureNotFound, ImportFailed
from geo.records.importer import import_file
from geo.store.base import Store

log = logging.getLogger(__name__)

MAX_AGE_S = 3600  # an upload not confirmed within the hour is removed
_ID = re.compile(r"[A-Za-z0-9_-]{22}")


class UploadNotFound(FeatureNotFound):
    """No held upload of that id for this person (never uploaded, someone else's, or expired)."""

    title = "Upload not found"


def root() -> Path:
    return Path(tempfile.gettempdir()) / "craftmap-imports"


@dataclass(frozen=True)
class Held:
    """One held upload: its id, the file and what was said about it."""

    id: str
    folder: Path
    meta: dict[str, Any]

    @property
    def path(self) -> Path:
        return self.folder / f"upload{self.meta['suffix']}"

    def status(self) -> dict[str, Any] | None:
        """The import's progress or result; ``None`` before it was confirmed."""
        try:
            return orjson.loads((self.folder / "status.json").read_bytes())  # type: ignore[no-any-return]
        except (FileNotFoundError, orjson.JSONDecodeError):
            return None

    def write_status(self, status: dict[str, Any]) -> None:
        """Replaced atomically, so a reader sees the old status or the new one, never half of one."""
        part = self.folder / "status.json.part"
        part.write_bytes(orjson.dumps(status))
        part.replace(self.folder / "status.json")

    def start(self) -> bool:
        """Mark the import as started; ``False`` when it already was (a second confirm starts nothing)."""
        try:
            fd = os.open(self.folder / "started", os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            return False
        os.close(fd)
        self.write_status({"state": "running", "phase": "read", "done": 0, "total": 0})
        return True


def sweep(now: float | None = None) -> None:
    """Remove held uploads older than ``MAX_AGE_S``."""
    now = time.time() if now is None else now
    if not root().is_dir():
        return
    for folder in root().iterdir():
        with contextlib.suppress(OSError):
            if now - folder.stat().st_mtime > MAX_AGE_S:
                shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def new_upload(suffix: str, meta: dict[str, Any]) -> Iterator[Held]:
    """A fresh folder for an upload; removed again if the block fails (the caller writes ``held.path``)."""
    sweep()
    root().mkdir(mode=0o700, exist_ok=True)
    upload_id = secrets.token_urlsafe(16)
    folder = root() / upload_id
    folder.mkdir(mode=0o700)
    held = Held(upload_id, folder, {**meta, "suffix": suffix, "created": time.time()})
    try:
        (folder / "meta.json").write_bytes(orjson.dumps(held.meta))
        yield held
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def get(upload_id: str, owner: str) -> Held:
    """The held upload ``upload_id`` of ``owner``, or ``UploadNotFound``."""
    folder = root() / upload_id
    missing = UploadNotFound("This upload is not here any more (uploads are kept for an hour): upload the file "
                             "again.")
    if not _ID.fullmatch(upload_id) or not folder.is_dir():
        raise missing
    try:
        meta = orjson.loads((folder / "meta.json").read_bytes())
    except (OSError, orjson.JSONDecodeError):
        raise missing from None
    if meta.get("owner") != owner or time.time() - float(meta.get("created", 0)) > MAX_AGE_S:
        raise missing
    return Held(upload_id, folder, meta)


def discard(held: Held) -> None:
    shutil.rmtree(held.folder, ignore_errors=True)


def run(held: Held, collection: Collection, store: Store, *, actor: str, sources: Container[str]) -> None:
    """The confirmed import (all or nothing), its progress and its result written to ``status.json``."""
    def progress(phase: str, done: int, total: int) -> None:
        held.write_status({"state": "running", "phase": phase, "done": done, "total": total})

    try:
        report = import_file(held.path, collection, store, actor=actor, sources=sources,
                             given_crs=held.meta.get("crs") or None, progress=progress)
    except ImportFailed as exc:
        held.write_status({"state": "failed", "detail": exc.detail, "errors": exc.errors})
    except CraftmapError as exc:
        held.write_status({"state": "failed", "detail": exc.detail, "errors": []})
    except Exception:
        log.exception("import %s of %s failed", held.id, collection.id)
        held.write_status({"state": "failed", "detail": "The server failed; nothing was written.", "errors": []})
    else:
        held.write_status({"state": "done", "count": report.count, "ids": list(report.ids), "crs": report.crs,
                           "format": report.format, "total": report.count, "done": report.count})
    finally:
        held.path.unlink(missing_ok=True)
