"""Server-side SVG charts of a cluster's land balance: no chart library, nothing to download.

One horizontal stacked bar per cluster: leased, reserved, infrastructure and free land, then the part
of the declared planned area that no plot covers ("unplotted"). Segments computed from illustrative
plots are hatched, and a dashed tick marks the declared planned area when it differs from the bar.
Every text is escaped; the SVG is safe to inline in a page or a popup. Words are Vietnamese by default,
English with ``lang="en"``; numbers use the reader's decimal mark.
"""

from __future__ import annotations

from html import escape

from geo.analysis.capacity import Balance
from geo.i18n.messages import decimal
from geo.i18n.words import word
from maps.styles import PLOT_COLOURS

SEGMENTS: tuple[tuple[str, str], ...] = tuple(  # figure name, colour: the plot colours of every map
    (name, PLOT_COLOURS[name]) for name in ("leased", "reserved", "infrastructure", "free"))
UNPLOTTED = ("unplotted", "#e0e0e0")
WIDTH, BAR_Y, BAR_H = 480, 40, 26
def occupancy_text(value: float | None, lang: str = "vi") -> str:
    """``Tỷ lệ lấp đầy 72 %`` / ``occupancy 72%``; unknown is said, never 0."""
    if value is None:
        return word("chart.occupancy_unknown", lang)
    return word("chart.occupancy", lang).format(percent=f"{value * 100:.0f}")


def segments(b: Balance, lang: str = "vi") -> list[tuple[str, str, str, float]]:
    """(name, label, colour, ha) of the bar, in drawing order; unknown figures are left out."""
    out = [(name, word(f"fig.{name}", lang), colour, b.figures[name].value or 0.0) for name, colour in SEGMENTS
           if b.figures[name].value is not None]
    planned, covered = b.figures["planned"].value, sum(s[3] for s in out)
    if planned is not None and planned > covered + 0.005:
        out.append((UNPLOTTED[0], word("chart.unplotted", lang), UNPLOTTED[1], planned - covered))
    return [s for s in out if s[3] > 0]


def balance_svg(b: Balance, title: str | None = None, lang: str = "vi") -> str:
    """The stacked bar of one cluster's balance as a standalone ``<svg>`` element."""
    name = title or str(b.prop("name") or b.id)
    parts = _segments_svg(b, lang)
    occ = occupancy_text(b.occupancy.value, lang)
    illustrative = word("chart.illustrative", lang) if b.occupancy.illustrative else ""
    height = BAR_Y + BAR_H + 20 + 16 * ((len(SEGMENTS) + 2) // 2)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="capacity-chart" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(name)}: {escape(occ)}">'
            f"<title>{escape(name)}: {word('chart.balance', lang)}, {escape(occ)}{escape(illustrative)}</title>"
            '<defs><pattern id="cm-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2" '
            'stroke-opacity="0.6"/></pattern></defs>'
            f'<text x="0" y="14" font-family="sans-serif" font-size="13" font-weight="bold">{escape(name)}</text>'
            f'<text x="0" y="31" font-family="sans-serif" font-size="11" fill="#444">{escape(occ)}'
            f"{escape(illustrative)}</text>"
            + "".join(parts) + _legend(b, lang) + "</svg>")


def _segments_svg(b: Balance, lang: str) -> list[str]:
    segs = segments(b, lang)
    total = sum(s[3] for s in segs)
    if total <= 0:
        return [f'<rect x="0" y="{BAR_Y}" width="{WIDTH}" height="{BAR_H}" fill="none" stroke="#999" '
                'stroke-dasharray="4 3"/>'
                f'<text x="{WIDTH / 2}" y="{BAR_Y + 17}" text-anchor="middle" font-family="sans-serif" '
                'font-size="12" fill="#555">' + word("chart.no_figures", lang) + "</text>"]
    out, x = [], 0.0
    for name, label, colour, ha in segs:
        w = WIDTH * ha / total
        hatched = name != "unplotted" and b.figures[name].illustrative
        out.append(f'<rect class="seg-{name}" x="{x:.1f}" y="{BAR_Y}" width="{w:.1f}" height="{BAR_H}" '
                   f'fill="{colour}"><title>{escape(label)}: {decimal(ha, lang)} ha</title></rect>')
        if hatched:
            out.append(f'<rect x="{x:.1f}" y="{BAR_Y}" width="{w:.1f}" height="{BAR_H}" fill="url(#cm-hatch)"/>')
        if w > 44:
            out.append(f'<text x="{x + w / 2:.1f}" y="{BAR_Y + 17}" text-anchor="middle" font-family="sans-serif" '
                       f'font-size="11" fill="#fff">{decimal(ha, lang, 1)}</text>')
        x += w
    planned = b.figures["planned"].value
    if planned is not None and abs(planned - total) > 0.005:
        px = min(WIDTH * planned / total, WIDTH - 1)
        out.append(f'<line x1="{px:.1f}" y1="{BAR_Y - 4}" x2="{px:.1f}" y2="{BAR_Y + BAR_H + 4}" stroke="#000" '
                   f'stroke-dasharray="3 2"><title>{word("chart.declared_planned", lang)} '
                   f'{decimal(planned, lang)} ha</title>'
                   "</line>")
    return out


def _segment_word(name: str, lang: str) -> str:
    return word("chart.unplotted" if name == UNPLOTTED[0] else f"fig.{name}", lang)


def _legend(b: Balance, lang: str) -> str:
    items = [*SEGMENTS, UNPLOTTED]
    out = []
    for i, (name, colour) in enumerate(items):
        fig, label = b.figures.get(name), _segment_word(name, lang)
        value = "" if name == "unplotted" else (
            " ?" if fig is None or fig.value is None else f" {decimal(fig.value, lang)} ha")
        x, y = (i % 2) * (WIDTH / 2), BAR_Y + BAR_H + 18 + 16 * (i // 2)
        out.append(f'<rect x="{x:.0f}" y="{y - 9}" width="10" height="10" fill="{colour}"/>'
                   f'<text x="{x + 14:.0f}" y="{y}" font-family="sans-serif" font-size="11">'
                   f"{escape(label)}{escape(value)}</text>")
    return "".join(out)
