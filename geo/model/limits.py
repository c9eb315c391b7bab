"""The request budget: how large, deep or long a request may be before craftmap refuses it.

Every limit is a setting (``CRAFTMAP_<NAME>``) and every refusal names its setting, so a client
knows which budget it hit. The values here are the defaults; ``Settings.limits`` builds the
budget in force. README "Limits" lists them with their errors.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from geo.model.errors import InvalidParameter

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
# Real numbers a record may hold: large enough for any area, tonnage or ratio craftmap keeps, small
# enough that no sum overflows, and no nonzero value so tiny that dividing by it overflows.
NUMBER_MAX = 1e15
NUMBER_TINY = 1e-9


class OverBudget(InvalidParameter):
    """A request over one of the limits of ``Limits``; the detail names the setting."""

    title = "Request over budget"


@dataclass(frozen=True)
class Limits:
    """The budget of one request (see the module docstring)."""

    max_filter_chars: int = 100_000
    max_filter_depth: int = 24
    max_filter_terms: int = 2_000
    max_sortby_terms: int = 8
    max_body_depth: int = 32
    max_number_digits: int = 40
    max_import_rows: int = 100_000
    max_import_bytes: int = 500_000_000
    max_import_ratio: int = 200

    def check(self, name: str, value: int, what: str) -> None:
        """``OverBudget`` when ``value`` exceeds the limit ``name`` (``what`` says what was counted)."""
        limit = getattr(self, name)
        if value > limit:
            raise OverBudget(f"{what} is {value:,}; the limit is {limit:,} (CRAFTMAP_{name.upper()}).")


DEFAULT_LIMITS = Limits()


def number_problem(value: float) -> str | None:
    """Why a real number cannot be stored (not finite, too large, or nonzero and too small), or ``None``."""
    if not math.isfinite(value):
        return "must be a finite number"
    if abs(value) > NUMBER_MAX or (value and abs(value) < NUMBER_TINY):
        return f"must be 0 or between {NUMBER_TINY:g} and {NUMBER_MAX:g} in size"
    return None


def checked_float(text: str, name: str, limits: Limits = DEFAULT_LIMITS) -> float:
    """A real number from text (``ValueError`` if it is none), length and range checked."""
    limits.check("max_number_digits", len(text.strip()), f"The length of {name}")
    value = float(text)
    problem = number_problem(value)
    if problem is not None:
        raise InvalidParameter(f"{name} {problem}.")
    return value


def parse_int(text: str, name: str, limits: Limits = DEFAULT_LIMITS) -> int:
    """A whole number from text, its length checked before conversion and its value within 64 bits.

    Python refuses to convert more than a few thousand digits (``sys.set_int_max_str_digits``)
    and the stores hold 64-bit integers; both are reported as 400 naming the parameter.
    """
    text = text.strip()
    if len(text) > limits.max_number_digits:
        raise OverBudget(f"{name} has {len(text):,} characters; a number may have at most "
                         f"{limits.max_number_digits} (CRAFTMAP_MAX_NUMBER_DIGITS).")
    try:
        value = int(text)
    except ValueError:
        raise InvalidParameter(f"{name} must be a whole number, got '{text}'.") from None
    if not INT64_MIN <= value <= INT64_MAX:
        raise InvalidParameter(f"{name} is outside the 64-bit integer range.")
    return value


def json_depth(doc: Any) -> int:
    """How deeply arrays and objects nest in ``doc``, counted without recursion."""
    deepest, stack = 0, [(doc, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        stack += [(c, depth + 1) for c in children if isinstance(c, dict | list)]
    return deepest
