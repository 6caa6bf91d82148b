"""Rendering helpers: JSON on stdout for machines, rich tables and progress for humans."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from newsweave.model import JSON, Article
from newsweave.serialize import article_to_dict

stdout = Console(highlight=False, soft_wrap=True)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def print_json(data: JSON) -> None:
    """Write ``data`` as JSON on stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_json_line(data: JSON) -> None:
    """Write ``data`` as one compact JSON line on stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def article_json(article: Article) -> dict[str, JSON]:
    """The JSON form of an article printed by the CLI."""
    return article_to_dict(article)


def safe(text: str | None) -> str:
    """Escape rich markup in user-supplied text so it is printed as inert text."""
    return escape(text or "")


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Callable[[str, int, int | None], None]]:
    """Yield a progress callback; it draws a bar only if enabled and stdout is a terminal."""
    if not (enabled and sys.stdout.isatty()):
        yield lambda stage, done, total: None
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=stdout, transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update
