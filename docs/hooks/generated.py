"""mkdocs hook: the CLI and configuration references, generated from the code at build time.

A page holds ``<!-- generated: cli -->`` or ``<!-- generated: config -->``; the hook puts the
reference there, so the docs cannot drift from the Typer app or the settings dataclasses. A
setting without a description in its dataclass's ``Attributes:`` section fails the build.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import typer

from newsweave import config as nw_config
from newsweave.cli.app import app

_MARKER = re.compile(r"<!-- generated: (cli|config) -->")


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Replace each marker by its generated reference."""
    return _MARKER.sub(
        lambda m: cli_reference() if m.group(1) == "cli" else config_reference(), markdown
    )


def cli_reference() -> str:
    """Markdown for every command of the Typer app, depth first."""
    root = typer.main.get_command(app)
    return "\n".join(_command(root, ["newsweave"], None))


def _command(cmd: Any, path: list[str], parent: Any) -> list[str]:  # noqa: ANN401 - Typer's own click
    """Markdown of one command and its subcommands (Typer vendors click: duck-typed)."""
    ctx = cmd.context_class(cmd, info_name=path[-1], parent=parent)
    level = "#" * min(len(path) + 1, 4)
    lines = [f"{level} `{' '.join(path)}`", "", (cmd.help or "").strip(), ""]
    lines += ["```text", " ".join([*path, *cmd.collect_usage_pieces(ctx)]), "```", ""]
    rows = [_param_row(p) for p in cmd.params if not getattr(p, "hidden", False)]
    if rows:
        lines += ["| parameter | help | default |", "|---|---|---|", *rows, ""]
    if hasattr(cmd, "list_commands"):
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                lines += _command(sub, [*path, name], ctx)
    return lines


def _param_row(param: Any) -> str:  # noqa: ANN401 - Typer's own click
    if param.param_type_name == "option":
        names = ", ".join(f"`{o}`" for o in [*param.opts, *param.secondary_opts])
        help_text = param.help or ""
    else:
        names = f"`{(param.name or '').upper()}`"
        help_text = getattr(param, "help", None) or "argument"
    default = param.default
    shown = "" if default in (None, (), False) or callable(default) else f"`{default}`"
    return f"| {names} | {_cell(help_text)} | {shown} |"


def config_reference() -> str:
    """Markdown tables of every setting, its default and its environment variable."""
    env = {keys: var for var, keys in nw_config._ENV.items()}
    top = nw_config.Config()
    lines = ["| key | default | environment | meaning |", "|---|---|---|---|"]
    tables: list[tuple[tuple[str, ...], Any]] = []
    for f in dataclasses.fields(top):
        value = getattr(top, f.name)
        if dataclasses.is_dataclass(value):
            tables.append(((f.name,), value))
            continue
        lines.append(_setting_row(f.name, value, env.get((f.name,)), _described(top, f.name)))
    out = ["Top level (no table):", "", *lines, ""]
    while tables:
        path, value = tables.pop(0)
        rows: list[str] = []
        for f in dataclasses.fields(value):
            default = getattr(value, f.name)
            if dataclasses.is_dataclass(default):
                tables.append(((*path, f.name), default))
                continue
            rows.append(
                _setting_row(f.name, default, env.get((*path, f.name)), _described(value, f.name))
            )
        out += [
            f"`[{'.'.join(path)}]`:",
            "",
            "| key | default | environment | meaning |",
            "|---|---|---|---|",
            *rows,
            "",
        ]
    return "\n".join(out)


def _setting_row(key: str, default: object, variable: str | None, meaning: str) -> str:
    shown = list(default) if isinstance(default, tuple) else default
    literal = f'"{shown}"' if isinstance(shown, str) else str(shown).replace("'", '"')
    return f"| `{key}` | `{literal}` | {f'`{variable}`' if variable else ''} | {_cell(meaning)} |"


def _described(obj: object, name: str) -> str:
    """The ``Attributes:`` entry of ``name`` in the docstring of ``obj``'s class."""
    doc = type(obj).__doc__ or ""
    match = re.search(
        rf"^\s+{name}: (.+?)(?=^\s+\w+: |\Z)", doc.split("Attributes:", 1)[-1], re.S | re.M
    )
    if match is None:
        raise ValueError(f"setting {type(obj).__name__}.{name} has no description")
    return " ".join(match.group(1).split())


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
