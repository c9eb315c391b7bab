"""The one table from domain error to HTTP status: every domain error class has a 4xx/5xx on purpose."""

from __future__ import annotations

import inspect

from api.problems import STATUS, status_of
from geo.model import errors
from geo.records.loader import LoadError


def domain_errors() -> list[type[errors.CraftmapError]]:
    found = [c for _, c in inspect.getmembers(errors, inspect.isclass)
             if issubclass(c, errors.CraftmapError) and c is not errors.CraftmapError]
    return [*found, LoadError]


def test_every_domain_error_has_a_status_and_none_carries_its_own() -> None:
    for cls in domain_errors():
        assert "status" not in vars(cls), cls  # HTTP lives in api/problems.py only
        status = status_of(cls("x"))
        assert 400 <= status < 600, cls
        assert status != 500, f"{cls.__name__} is missing from api.problems.STATUS"


def test_subclasses_take_their_ancestors_status() -> None:
    assert status_of(errors.UnsupportedCRS("x")) == STATUS[errors.InvalidParameter] == 400
    assert status_of(errors.ImportFailed("x")) == 422
    assert status_of(errors.StoreUnavailable("x")) == 503
    assert status_of(errors.CraftmapError("x")) == 500
