"""The REST API (FastAPI): ``create_app(engine)``; needs ``pip install 'newsweave[web]'``."""

from __future__ import annotations

from newsweave.api.app import create_app

__all__ = ["create_app"]
