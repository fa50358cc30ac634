"""Small server-rendered SVG charts: the same SVG in the page and in the PDF (typst reads it as an
image). Accessible: role="img" with a <title> and a <desc> that says what the chart shows; the
numbers are always in a table next to it too. A hidden (suppressed) number draws no bar, only its
text ("<5", "*").

    bar_chart("People by age band", [("18–29", shown), ...], description="...")
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from xml.sax.saxutils import escape

from sportello.core.suppression import Shown

BRAND = "#0b5d7a"
MUTED = "#566074"
LINE = "#d5dae3"
FONT = "Noto Sans, Noto Sans Arabic, system-ui, sans-serif"
_ids = itertools.count(1)


def _head(width: int, height: int, title: str, description: str) -> tuple[str, str]:
    n = next(_ids)
    t, d = f"chart-{n}-title", f"chart-{n}-desc"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{t} {d}" '
        f'font-family="{FONT}" font-size="13" direction="ltr" class="chart">'
        f'<title id="{t}">{escape(title)}</title><desc id="{d}">{escape(description)}</desc>'
    )
    return head, "</svg>"


def _scale(items: Sequence[tuple[str, Shown]]) -> int:
    return max([s.number or 0 for _, s in items] + [1])


def bar_chart(
    title: str,
    items: Sequence[tuple[str, Shown]],
    *,
    description: str = "",
    width: int = 420,
) -> str:
    """Horizontal bars, one per item (label, value), largest value full width. Narrow enough
    to stay legible on a phone (360 px) without scaling the text down much."""
    label_w, value_w, bar_h, gap = 172, 46, 18, 8
    height = max(1, len(items)) * (bar_h + gap) + gap
    top = _scale(items)
    description = description or "; ".join(f"{label}: {shown.text}" for label, shown in items)
    head, tail = _head(width, height, title, description)
    parts = [head]
    span = width - label_w - value_w
    for i, (label, shown) in enumerate(items):
        y = gap + i * (bar_h + gap)
        text = label if len(label) <= 22 else label[:21] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + bar_h - 5}" text-anchor="end" fill="#1d2330">'
            f"{escape(text)}</text>"
        )
        length = 0 if shown.number is None else round(span * shown.number / top)
        if length:
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{length}" height="{bar_h}" fill="{BRAND}"/>'
            )
        else:
            parts.append(f'<rect x="{label_w}" y="{y}" width="2" height="{bar_h}" fill="{LINE}"/>')
        parts.append(
            f'<text x="{label_w + length + 6}" y="{y + bar_h - 5}" fill="{MUTED}">'
            f"{escape(shown.text)}</text>"
        )
    parts.append(tail)
    return "".join(parts)


def column_chart(
    title: str,
    items: Sequence[tuple[str, Shown]],
    *,
    description: str = "",
    width: int = 400,
    height: int = 200,
) -> str:
    """Vertical columns over time (months), with the value above each column."""
    left, bottom, top_pad = 8, 34, 20
    n = max(1, len(items))
    slot = (width - left * 2) / n
    col_w = max(4, slot * 0.7)
    top = _scale(items)
    span = height - bottom - top_pad
    description = description or "; ".join(f"{label}: {shown.text}" for label, shown in items)
    head, tail = _head(width, height, title, description)
    parts = [
        head,
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" '
        f'stroke="{LINE}"/>',
    ]
    every = max(1, -(-n // 8))
    for i, (label, shown) in enumerate(items):
        x = left + i * slot + (slot - col_w) / 2
        value_h = 0 if shown.number is None else span * shown.number / top
        y = height - bottom - value_h
        if value_h:
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{col_w:.1f}" height="{value_h:.1f}" '
                f'fill="{BRAND}"/>'
            )
        parts.append(
            f'<text x="{x + col_w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
            f'font-size="11" fill="{MUTED}">{escape(shown.text)}</text>'
        )
        if i % every == 0:
            parts.append(
                f'<text x="{x + col_w / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                f'font-size="11" fill="#1d2330">{escape(label)}</text>'
            )
    parts.append(tail)
    return "".join(parts)
