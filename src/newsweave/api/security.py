"""Security of the app: response headers, request body limit, bearer token for writes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import re

from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsweave.errors import AccessError, ConfigError

# No inline script or style anywhere: scripts and styles come from /static only.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# The interactive docs at /docs load Swagger UI from its CDN; their one inline script is
# allowed by its hash only (see docs_page), never by 'unsafe-inline'.
DOCS_CSP = (
    "default-src 'none'; script-src 'self' https://cdn.jsdelivr.net {hashes}; "
    "style-src 'self' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
    "connect-src 'self'; frame-ancestors 'none'"
)
HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        """Wrap ``app``."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Add the headers as the response starts."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0] != b"server"]
                headers.extend(HEADERS)
                if not any(name == b"content-security-policy" for name, _ in headers):
                    headers.append((b"content-security-policy", CSP.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def docs_page(openapi_url: str, title: str) -> HTMLResponse:
    """Swagger UI whose inline script is allowed by its SHA-256 hash in the page's CSP."""
    page = get_swagger_ui_html(openapi_url=openapi_url, title=title)
    html = bytes(page.body).decode("utf-8")
    inline = re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL)
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in inline
    )
    csp = DOCS_CSP.format(hashes=hashes)
    return HTMLResponse(html, headers={"Content-Security-Policy": csp})


def check_token(expected: str | None, authorization: str | None) -> None:
    """Accept a write when no token is configured or the bearer token matches.

    Raises:
        AccessError: a token is configured and the request lacks it or has another.
    """
    if expected is None:
        return
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip(), expected):
        raise AccessError("this write needs 'Authorization: Bearer <NEWSWEAVE_TOKEN>'")


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve a non-loopback address without a write token.

    Raises:
        ConfigError: ``host`` is reachable from other machines and no token is set.
    """
    if not is_loopback(host) and not token:
        raise ConfigError(
            f"refusing to listen on {host} without a token: set NEWSWEAVE_TOKEN "
            "(writes then need 'Authorization: Bearer <token>') or bind 127.0.0.1"
        )
