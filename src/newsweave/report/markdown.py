"""A story report as Markdown."""

from __future__ import annotations

from typing import Any


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def citation_numbers(doc: dict[str, Any]) -> dict[str, int]:
    """Each article's number in the report's source list ([1], [2], ...)."""
    return {a["id"]: i for i, a in enumerate(doc["articles"], 1)}


def to_markdown(doc: dict[str, Any]) -> str:
    """Render :func:`~newsweave.report.document.report_document` as Markdown."""
    number = citation_numbers(doc)
    summary = doc["summary"]
    outlets = {
        s["id"]: s["outlet"] or f"[{number.get(s['articles'][0], '?')}]"
        for s in doc["facts"]["sources"]
    }
    lines = [f"# {_cell(doc['headline'] or doc['story'])}", "", f"Story `{doc['story']}`", ""]
    lines += ["## Summary", ""]
    for sentence in summary["sentences"]:
        refs = "".join(f"[{number.get(a, '?')}]" for a in sentence["citations"])
        lines.append(f"- {_cell(sentence['text'])} {refs}")
    lines += [f"> {_cell(n)}" for n in summary["notes"]]
    lines += ["", "## Facts", "", "| status | sources | fact | notes |", "|---|---|---|---|"]
    for fact in doc["facts"]["facts"]:
        names = ", ".join(outlets.get(s, s) for s in fact["sources"])
        lines.append(
            f"| {fact['status']} | {len(fact['sources'])} ({_cell(names)}) | {_cell(fact['text'])} "
            f"| {_cell('; '.join(fact['notes']))} |"
        )
    lines += ["", "## Who is involved", ""]
    for entity in doc["entities"]:
        roles = "; ".join(list(dict.fromkeys(r["text"] for r in entity["roles"]))[:3])
        aliases = [a for a in entity["aliases"] if a != entity["name"]]
        also = f" (also {_cell(', '.join(aliases))})" if aliases else ""
        lines.append(
            f"- **{_cell(entity['name'])}**{also}, {entity['type']}, "
            f"{entity['mentions']} mentions" + (f": {_cell(roles)}" if roles else "")
        )
    lines += ["", "## Timeline", ""]
    for entry in summary["timeline"]:
        refs = "".join(f"[{number.get(a, '?')}]" for a in entry["articles"])
        label = "first reported" if entry["kind"] == "reported" else entry["precision"]
        lines.append(f"- **{entry['date']}** ({label}): {_cell(entry['text'])} {refs}")
    lines += ["", "## What each source adds and omits", ""]
    text = {f["id"]: f["text"] for f in doc["facts"]["facts"]}
    for view in doc["facts"]["views"]:
        omits = ""
        if view["omits"]:
            omits = (
                f"; omits {len(view['omits'])} that most others state, such as "
                f'"{_cell(text.get(view["omits"][0], ""))}"'
            )
        lines.append(
            f"- {_cell(outlets.get(view['source'], view['source']))}: {len(view['adds'])} facts "
            f"no other source has{omits}"
        )
    lines += ["", "## Sources", ""]
    copy_of = {c["id"]: (g["original"], c["kind"]) for g in doc["copies"] for c in g["copies"]}
    for article in doc["articles"]:
        where = article["source"] or "source unknown"
        when = (article["date"] or "")[:10] or "undated"
        note = ""
        if article["id"] in copy_of:
            original, kind = copy_of[article["id"]]
            note = f", {kind} copy of [{number.get(original, '?')}]"
        lines.append(
            f"{number[article['id']]}. {_cell(article['title'])} ({_cell(where)}, {when}{note})"
        )
    return "\n".join(lines) + "\n"
