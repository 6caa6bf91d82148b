"""The web desk: server-rendered pages (Jinja2, autoescaped) and a little plain JS."""
