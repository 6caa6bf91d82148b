"""Versioned SQLite schema: each migration runs once, in order, inside one transaction.

``PRAGMA user_version`` holds the version reached. Never edit a released migration; add one.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (
        1,
        """
        CREATE TABLE articles (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            url TEXT,
            source TEXT,
            date TEXT,
            author TEXT,
            origin TEXT,
            fingerprint TEXT NOT NULL,
            removed TEXT NOT NULL,
            extras TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_fingerprint ON articles(fingerprint);
        CREATE INDEX articles_date ON articles(date);
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='seq'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.seq, old.title, old.text);
        END;
        CREATE TABLE inputs (
            origin TEXT PRIMARY KEY,
            digest TEXT NOT NULL,
            articles INTEGER NOT NULL,
            done_at TEXT NOT NULL
        );
        CREATE TABLE state (
            namespace TEXT NOT NULL,
            key TEXT NOT NULL,
            value BLOB NOT NULL,
            PRIMARY KEY (namespace, key)
        );
        """,
    ),
    (
        2,
        """
        CREATE TABLE provenance (
            child TEXT PRIMARY KEY,
            parent TEXT NOT NULL,
            kind TEXT NOT NULL,
            score REAL NOT NULL,
            evidence TEXT NOT NULL
        );
        CREATE INDEX provenance_parent ON provenance(parent);
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            headline TEXT NOT NULL,
            first TEXT,
            last TEXT,
            aliases TEXT NOT NULL
        );
        CREATE TABLE story_members (
            article_id TEXT PRIMARY KEY,
            story_id TEXT NOT NULL,
            score REAL NOT NULL,
            explanation TEXT NOT NULL
        );
        CREATE INDEX story_members_story ON story_members(story_id);
        """,
    ),
    (
        3,
        """
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            label TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
        CREATE TABLE mentions (
            article_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            entity_id TEXT NOT NULL,
            text TEXT NOT NULL,
            label TEXT NOT NULL,
            PRIMARY KEY (article_id, start, end)
        );
        CREATE INDEX mentions_entity ON mentions(entity_id);
        """,
    ),
    (
        4,
        """
        CREATE TABLE story_docs (
            story_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            stamp TEXT NOT NULL,
            doc TEXT NOT NULL,
            PRIMARY KEY (story_id, kind)
        );
        CREATE INDEX story_docs_kind ON story_docs(kind);
        """,
    ),
    (
        5,
        # The read model: story lists newest first, filtered by outlet (see sqlite_read.py).
        """
        CREATE INDEX stories_recent ON stories(coalesce(last, ''), id);
        CREATE INDEX articles_source ON articles(source);
        """,
    ),
)

LATEST = MIGRATIONS[-1][0]
