"""``newsweave serve``: the REST API and the web desk over one engine."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from newsweave.backends.storage.dsn import redact
from newsweave.cli.options import state
from newsweave.cli.render import stderr
from newsweave.errors import MissingExtraError


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
) -> None:
    """Serve the REST API (/api, /docs) and the web desk (/) on the store.

    Writes need 'Authorization: Bearer $NEWSWEAVE_TOKEN' when the variable is set; a
    non-loopback --host is refused without it.
    """
    try:
        import uvicorn

        from newsweave.api import create_app
        from newsweave.api.security import check_bind
    except ImportError:
        raise MissingExtraError("serve needs the web extra: pip install 'newsweave[web]'") from None
    token = os.environ.get("NEWSWEAVE_TOKEN") or None
    check_bind(host, token)
    with state(ctx).engine() as engine:
        app = create_app(engine, token=token)
        stderr.print(f"newsweave desk on http://{host}:{port}/ (store {redact(engine.config.db)})")
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def register(app: typer.Typer) -> None:
    """Add this command to ``app``."""
    app.command("serve")(serve)
