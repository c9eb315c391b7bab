"""Industry names in Vietnamese and English, folded to groups, and which groups need wastewater treatment.

Cluster records list allowed industries as free Vietnamese text ("đúc kim loại", "gia công cơ khí");
users ask in either language ("casting", "đúc"). Both sides are folded with ``geo.spatial.text.fold`` and mapped
to groups through one small synonym table, so "casting" matches "đúc kim loại" and "Đúc" matches "duc".
A term is a member of a group when one of the group's synonyms appears in it as whole words.

``needs_wastewater``: groups whose processes discharge polluted water (cooling and sand-washing in
casting, pickling and plating of metal, dyeing, washing of scrap for recycling, tanning, food
processing). The list is the conservative reading of the environmental rules for craft-village
relocation, not a legal classification.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from geo.spatial.text import fold, nfc


@dataclass(frozen=True)
class IndustryGroup:
    """A family of industries with its synonyms (any language) and its wastewater need."""

    id: str
    label: str
    synonyms: tuple[str, ...]
    needs_wastewater: bool


GROUPS: tuple[IndustryGroup, ...] = (
    IndustryGroup("casting", "casting / đúc kim loại",
                  ("casting", "foundry", "đúc", "đúc kim loại", "đúc gang", "đúc đồng", "cast iron"), True),
    IndustryGroup("metal", "metal / luyện kim",
                  ("metal", "metallurgy", "kim loại", "luyện kim", "luyện thép", "steel", "thép"), True),
    IndustryGroup("plating", "plating / mạ", ("plating", "galvanizing", "mạ", "xi mạ", "mạ kẽm"), True),
    IndustryGroup("forging", "forging / rèn", ("forging", "blacksmith", "rèn"), False),
    IndustryGroup("mechanical", "mechanical / cơ khí",
                  ("mechanical", "machining", "metalworking", "cơ khí", "gia công cơ khí"), False),
    IndustryGroup("dyeing", "dyeing / nhuộm", ("dyeing", "dye", "nhuộm"), True),
    IndustryGroup("recycling", "recycling / tái chế",
                  ("recycling", "scrap", "tái chế", "phế liệu"), True),
    IndustryGroup("tanning", "tanning / thuộc da", ("tanning", "leather tanning", "thuộc da"), True),
    IndustryGroup("food", "food processing / chế biến thực phẩm",
                  ("food", "food processing", "thực phẩm", "chế biến thực phẩm", "chế biến nông sản",
                   "bánh đa", "rice noodle"), True),
    IndustryGroup("paper", "paper / giấy", ("paper", "giấy"), True),
    IndustryGroup("chemicals", "chemicals / hóa chất", ("chemical", "chemicals", "hóa chất"), True),
    IndustryGroup("textile", "textile, garments / dệt may",
                  ("textile", "garment", "garments", "weaving", "embroidery", "dệt", "may mặc", "thêu",
                   "thêu ren", "móc chỉ"), False),
    IndustryGroup("footwear", "footwear / da giày", ("footwear", "shoes", "da giày"), False),
    IndustryGroup("electronics", "electronics / điện tử",
                  ("electronics", "electrical", "điện tử", "điện, điện tử", "thiết bị điện"), False),
    IndustryGroup("wood", "wood / gỗ", ("wood", "woodwork", "carving", "gỗ", "điêu khắc", "tạc tượng"), False),
    IndustryGroup("rattan", "rattan, bamboo / mây tre",
                  ("rattan", "bamboo", "mây tre", "mây tre đan"), False),
    IndustryGroup("stone", "stone / đá", ("stone", "chế tác đá", "đá mỹ nghệ"), False),
    IndustryGroup("pottery", "pottery / gốm", ("pottery", "ceramics", "gốm", "gốm sứ"), False),
    IndustryGroup("building_materials", "building materials / vật liệu xây dựng",
                  ("building materials", "bricks", "vật liệu xây dựng", "gạch"), False),
    IndustryGroup("lacquer", "lacquer / sơn mài", ("lacquer", "sơn mài"), False),
    IndustryGroup("puppetry", "puppets / con rối", ("puppet", "puppets", "con rối", "rối cạn"), False),
    IndustryGroup("shipbuilding", "shipbuilding / đóng tàu",
                  ("shipbuilding", "ship repair", "đóng tàu", "sửa chữa tàu", "tàu thủy"), False),
    IndustryGroup("high_tech", "high technology / công nghệ cao", ("high tech", "high-tech", "công nghệ cao"),
                  False),
    IndustryGroup("supporting", "supporting industries / công nghiệp hỗ trợ",
                  ("supporting industries", "supporting industry", "công nghiệp hỗ trợ"), False),
)

_BY_ID = {g.id: g for g in GROUPS}


def words(text: str | None) -> str:
    """Folded text with punctuation turned into single spaces, padded for whole-word search."""
    return " " + " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split()) + " "


def marked_words(text: str | None) -> str:
    """Lower-cased words keeping diacritics (so "rèn", forging, differs from "ren", lace), padded."""
    return " " + " ".join(re.findall(r"\w+", nfc(text or "").casefold())) + " "


# (folded words, words with marks, whether the synonym has marks, group id)
_SYNONYMS: tuple[tuple[str, str, bool, str], ...] = tuple(
    (words(s), marked_words(s), words(s) != marked_words(s), g.id)
    for g in GROUPS for s in (*g.synonyms, g.id))


def groups_of(term: str | None) -> frozenset[str]:
    """Group ids whose synonyms occur in ``term`` as whole words ("đúc kim loại" → casting, metal).

    A term typed with diacritics is compared with them (rèn ≠ ren); a term typed without any is
    compared folded, so "duc" still finds "đúc".
    """
    padded, marked = words(term), marked_words(term)
    if not padded.strip():
        return frozenset()
    term_marked = padded != marked
    return frozenset(gid for syn, syn_marked, has_marks, gid in _SYNONYMS
                     if (syn_marked in marked if term_marked and has_marks else syn in padded))


def group(group_id: str) -> IndustryGroup:
    return _BY_ID[group_id]


@dataclass(frozen=True)
class IndustryMatch:
    """Whether an industry is allowed by a list: ``allowed`` is ``None`` when the list is empty."""

    allowed: bool | None
    matched: tuple[str, ...]


def match(industry: str, allowed: Iterable[str] | None) -> IndustryMatch:
    """Match ``industry`` against a cluster's allowed list by group, or by folded words when ungrouped.

    An empty or missing list means nobody recorded what is allowed: the answer is unknown
    (``allowed=None``), never a pass.
    """
    entries = [a for a in (allowed or []) if a and a.strip()]
    if not entries:
        return IndustryMatch(None, ())
    wanted = groups_of(industry)
    needle = words(industry)
    hits = tuple(a for a in entries
                 if (wanted & groups_of(a)) or (needle.strip() and needle in words(a)))
    return IndustryMatch(bool(hits), hits)


def needs_wastewater(industry: str) -> bool | None:
    """True when any group of ``industry`` needs treatment; ``None`` for an industry the table does not know."""
    found = groups_of(industry)
    if not found:
        return None
    return any(_BY_ID[g].needs_wastewater for g in found)
