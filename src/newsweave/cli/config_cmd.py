"""``newsweave config show``: print the resolved configuration."""

from __future__ import annotations

import typer

from newsweave.cli.options import state
from newsweave.cli.render import print_json
from newsweave.engine import Engine

config_app = typer.Typer(help="Inspect the configuration.", no_args_is_help=True)


@config_app.command("show")
def show(ctx: typer.Context) -> None:
    """Print the resolved configuration (defaults < file < env < flags) as JSON.

    Cluster settings left unset show the fitted values in effect for the chosen embedder.
    """
    print_json(Engine.settings(state(ctx).config()))


def register(app: typer.Typer) -> None:
    """Add the ``config`` command group to ``app``."""
    app.add_typer(config_app, name="config")
