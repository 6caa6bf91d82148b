"""Entities: named-entity recognition, name normalization, resolution and roles.

:mod:`~newsweave.entities.ner` needs spaCy (an optional extra) and imports it lazily; the other
modules are pure Python.
"""

from __future__ import annotations
