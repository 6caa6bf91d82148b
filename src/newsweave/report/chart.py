"""The timeline chart of a report, drawn with matplotlib (PNG, embedded as a data URI)."""

from __future__ import annotations

import base64
import io
from datetime import date, timedelta
from typing import Any

from newsweave.errors import MissingExtraError


def _parse(value: str) -> date:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def timeline_png(timeline: list[dict[str, Any]], per_day: list[list[Any]]) -> bytes | None:
    """A PNG of the dates the articles name and the articles per day; None when undated."""
    if not timeline and not per_day:
        return None
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - the report extra installs it
        raise MissingExtraError("[NW010] pip install 'newsweave[report]' (matplotlib)") from exc
    mentioned = [e for e in timeline if e["kind"] == "mentioned"]
    panels = int(bool(mentioned)) + int(bool(per_day))
    fig, axes = plt.subplots(
        panels, 1, figsize=(8, 1.7 * panels), layout="constrained", squeeze=False
    )
    rows = iter(axes[:, 0])
    if mentioned:
        top = next(rows)
        xs = [_parse(e["date"]) for e in mentioned]
        sizes = [30 + 30 * len(e["articles"]) for e in mentioned]
        top.scatter(xs, [0] * len(xs), s=sizes, alpha=0.7, color="#2f6f9f")
        for x, e in zip(xs, mentioned, strict=True):
            top.annotate(
                e["date"],
                (x, 0),
                xytext=(0, 9),
                textcoords="offset points",
                ha="center",
                fontsize=7,
            )
        _pad(top, xs)
        top.set_yticks([])
        top.set_title("Dates the articles name (dot size: articles)", fontsize=9, loc="left")
    if per_day:
        bottom = next(rows)
        days = [_parse(d) for d, _ in per_day]
        bottom.bar(days, [n for _, n in per_day], color="#9f5f2f", width=0.8)
        _pad(bottom, days)
        bottom.set_title("Articles per day", fontsize=9, loc="left")
    for ax in axes[:, 0]:
        ax.tick_params(labelsize=7)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=110)
    plt.close(fig)
    return out.getvalue()


def _pad(ax: Any, xs: list[date]) -> None:  # noqa: ANN401 - a matplotlib Axes
    """Room around the points (a single point gets a month either side)."""
    low, high = min(xs), max(xs)
    margin = max(timedelta(days=30), (high - low) / 10)
    ax.set_xlim(low - margin, high + margin)


def data_uri(png: bytes) -> str:
    """A ``data:image/png;base64,...`` URI."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
