"""Words the web edge writes into pages and maps, as (vi, en) pairs; routes name a key, never a sentence."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "layer.pollution_sources": ("Nguồn ô nhiễm", "Pollution sources"),
    "layer.villages_within": ("Làng nghề trong bán kính", "Villages within the distance"),
    "layer.money_per_district": ("Kinh phí theo quận/huyện", "Money per district"),
    "layer.money_per_commune": ("Kinh phí theo xã/phường", "Money per commune"),
    "layer.beneficiary_sites": ("Nơi hưởng lợi", "Beneficiary sites"),
    "layer.project": ("Đề án", "Project"),
    "history.title": ("Lịch sử thay đổi", "Change history"),
    "history.when": ("Thời điểm", "When"),
    "history.action": ("Thao tác", "Action"),
    "history.version": ("Phiên bản", "Version"),
    "history.field": ("Trường", "Field"),
    "history.before": ("Trước", "Before"),
    "history.after": ("Sau", "After"),
}


def say(key: str, lang: str) -> str:
    """The word for ``key`` in ``lang`` (``vi`` or ``en``)."""
    vi, en = WORDS[key]
    return en if lang == "en" else vi
