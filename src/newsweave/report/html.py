"""A story report as one self-contained HTML file: escaped text, a strict CSP, no script."""

from __future__ import annotations

import base64
import hashlib
from importlib import resources
from typing import Any

from newsweave.errors import MissingExtraError
from newsweave.report.chart import data_uri, timeline_png
from newsweave.report.markdown import citation_numbers
from newsweave.web.filters import safe_url


def _style() -> str:
    return resources.files("newsweave.report").joinpath("templates/report.css").read_text("utf-8")


def content_security_policy(style: str) -> str:
    """No script at all, images only from data URIs, the one embedded stylesheet by hash."""
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; img-src data:; "
        f"style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def to_html(doc: dict[str, Any]) -> str:
    """Render :func:`~newsweave.report.document.report_document` as a standalone page."""
    try:
        import jinja2
        import markupsafe
    except ImportError as exc:  # pragma: no cover - the report extra installs it
        raise MissingExtraError("[NW010] pip install 'newsweave[report]' (jinja2)") from exc
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsweave.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    style = _style()
    summary = doc["summary"]
    png = timeline_png(summary["timeline"], summary["arc"]["per_day"])
    number = citation_numbers(doc)
    return env.get_template("report.html").render(
        doc=doc,
        number=number,
        outlets={
            s["id"]: s["outlet"] or f"[{number.get(s['articles'][0], '?')}]"
            for s in doc["facts"]["sources"]
        },
        copy_of={c["id"]: (g["original"], c["kind"]) for g in doc["copies"] for c in g["copies"]},
        chart=data_uri(png) if png else None,
        style=markupsafe.Markup(style),  # the package's own stylesheet, not data
        csp=content_security_policy(style),
        safe_url=safe_url,
    )
