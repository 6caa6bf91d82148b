"""Story reports a person wants to read: Markdown, one self-contained HTML file, or JSON.

:mod:`.document` gathers what a report holds into plain data (the JSON format);
:mod:`.markdown` and :mod:`.html` render it; :mod:`.chart` draws the timeline with matplotlib.
"""
