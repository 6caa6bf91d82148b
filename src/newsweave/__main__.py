"""Allow ``python -m newsweave``."""

from __future__ import annotations

from newsweave.cli import main

if __name__ == "__main__":
    main()
