"""The history page's view of a record: every version the audit trail holds, each with its field-by-field
diff against the one before, in readable values; what the public sees (no actor, no private field).
"""

from __future__ import annotations

from typing import Any

from geo.model.collections import Collection
from geo.model.feature import AuditEntry
from geo.records.versions import changes, feature_of
from maps.values import field_title, show


def _public(collection: Collection, snapshot: dict[str, Any] | None) -> dict[str, Any]:
    if snapshot is None:
        return {}
    props = {k: v for k, v in (snapshot.get("properties") or {}).items() if k not in collection.private_names}
    return {"geometry": snapshot.get("geometry"), **props}


def public_change(collection: Collection, entry: AuditEntry) -> dict[str, Any]:
    """One write as the public sees it: time, action, version and the public fields that changed."""
    before, after = _public(collection, entry.before), _public(collection, entry.after)
    changed = [{"field": k, "before": before.get(k), "after": after.get(k)}
               for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
    return {"seq": entry.seq, "at": entry.at, "action": entry.action, "version": entry.version,
            "changes": changed}


def snapshots(entries: list[AuditEntry]) -> dict[int, dict[str, Any]]:
    """Every version the audit trail holds, by number: each write's result and the state it replaced."""
    out: dict[int, dict[str, Any]] = {}
    for e in entries:
        if e.before is not None and e.version is not None:
            out.setdefault(e.version - 1, e.before)
        if e.after is not None and e.version is not None:
            out[e.version] = e.after
    return out


def _diff(c: Collection, before: dict[str, Any] | None, after: dict[str, Any] | None,
          lang: str) -> list[dict[str, str]]:
    """The public fields that changed between two snapshots (``versions.changes``), each with its title and
    readable values."""
    old, new = feature_of("", before), feature_of("", after)
    return [{"field": d.name, "title": field_title(c, d.name, lang),
             "before": show(c, d.name, d.before, lang), "after": show(c, d.name, d.after, lang)}
            for d in changes(c, old, new)]


def history_view(c: Collection, entries: list[AuditEntry], current: int, lang: str, *,
                 with_actor: bool = False) -> list[dict[str, Any]]:
    """Every version the trail knows, oldest first, each with its field-by-field diff against the one
    before and whether it can be restored (any version but the current one); who wrote it only
    ``with_actor`` (for admins)."""
    out: list[dict[str, Any]] = []
    first = entries[0] if entries else None
    if first is not None and first.before is not None and first.version is not None:
        out.append({"at": "", "action": "loaded", "version": first.version - 1, "changes": [],
                    "restorable": first.version - 1 != current, "actor": ""})
    for e in entries:
        out.append({"at": e.at, "action": e.action, "version": e.version, "changes": _diff(c, e.before, e.after, lang),
                    "restorable": e.after is not None and e.version != current,
                    "actor": e.actor if with_actor else ""})
    return out
