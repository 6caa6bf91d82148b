"""PostgreSQL-only behaviour: migrations, connection errors, concurrent writers, URL dispatch."""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest
from tests.postgres_server import fresh_schema, require_postgres

from newsweave.backends.storage.dsn import is_postgres_url, redact, split_schema
from newsweave.errors import StorageError
from newsweave.model import Article

pytestmark = pytest.mark.extra("postgres")

BASE = Article(id="x", title="Harbour wall", text="The harbour wall at Orlen Bay was breached.")


@pytest.fixture
def dsn() -> Iterator[str]:
    with fresh_schema() as url:
        yield url


def _open(url: str):
    from newsweave.backends.storage.postgres import PostgresStorage

    return PostgresStorage(url)


def test_reopening_keeps_articles_and_migrates_once(dsn):
    first = _open(dsn)
    first.add_article(BASE)
    first.close()
    second = _open(dsn)
    assert second.get_article("x") == BASE
    assert second._read("SELECT count(*), max(version) FROM newsweave_schema", ()) == [(1, 5)]
    second.close()


def test_a_newer_schema_is_refused(dsn):
    store = _open(dsn)
    store._write("UPDATE newsweave_schema SET version = %s", (999,))
    store.close()
    with pytest.raises(StorageError, match="newer"):
        _open(dsn)


def test_an_unreachable_server_names_the_host_not_the_password():
    require_postgres()
    with socket.socket() as probe:  # a port with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://nw:s3cret-pw@127.0.0.1:{port}/test?connect_timeout=2"
    with pytest.raises(StorageError) as caught:
        _open(url)
    message = str(caught.value)
    assert message.startswith("[NW300] cannot connect to PostgreSQL at 127.0.0.1:")
    assert str(port) in message
    assert "s3cret-pw" not in message


def _refuse_password(server: socket.socket) -> None:
    """Speak just enough of the PostgreSQL protocol to ask for a password and reject it."""
    conn, _ = server.accept()
    with conn:
        while True:
            length, code = struct.unpack("!ii", conn.recv(8))
            if code in (80877103, 80877104):  # SSL / GSS encryption request: not offered
                conn.sendall(b"N")
                continue
            conn.recv(length - 8)  # the rest of the startup message
            break
        conn.sendall(b"R" + struct.pack("!ii", 8, 3))  # cleartext password, please
        conn.recv(4096)  # the password message
        fields = b'SFATAL\0C28P01\0Mpassword authentication failed for user "nw"\0\0'
        conn.sendall(b"E" + struct.pack("!i", 4 + len(fields)) + fields)


def test_a_wrong_password_is_a_clear_error_without_the_password():
    require_postgres()
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        thread = threading.Thread(target=_refuse_password, args=(server,), daemon=True)
        thread.start()
        url = f"postgresql://nw:wrong-pw-123@127.0.0.1:{port}/test?sslmode=disable"
        with pytest.raises(StorageError) as caught:
            _open(url)
        thread.join(5)
    message = str(caught.value)
    assert f"127.0.0.1:{port}" in message
    assert "password authentication failed" in message
    assert "wrong-pw-123" not in message


def test_threads_with_their_own_connections_lose_and_double_nothing(dsn):
    # Four writers, each with its own store (own pool), over overlapping id ranges.
    ranges = [range(0, 120), range(60, 180), range(100, 220), range(0, 220, 3)]
    stores = [_open(dsn) for _ in ranges]
    new: list[list[str]] = [[] for _ in ranges]

    def write(i: int) -> None:
        for n in ranges[i]:
            if stores[i].add_article(replace(BASE, id=f"a{n:03d}", text=f"{BASE.text} {n}")):
                new[i].append(f"a{n:03d}")

    threads = [threading.Thread(target=write, args=(i,)) for i in range(len(ranges))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    firsts = sorted(x for part in new for x in part)
    assert firsts == [f"a{n:03d}" for n in range(220)]  # each id stored exactly once
    check = stores[0]
    assert check.count_articles() == 220
    seqs = [seq for seq, _ in check.articles_after(0, 1000)]
    assert seqs == list(range(1, 221))  # numbers follow commit order, no gaps
    for store in stores:
        store.close()


def test_search_uses_websearch_syntax(dsn):
    store = _open(dsn)
    store.add_article(BASE)
    store.add_article(replace(BASE, id="y", title="Budget", text="The council passed a budget."))
    assert [a.id for a in store.search("harbour -budget")] == ["x"]
    assert sorted(a.id for a in store.search("harbour OR budget")) == ["x", "y"]
    store.close()


def test_urls_are_recognised_redacted_and_split():
    assert is_postgres_url("postgresql://h/db")
    assert is_postgres_url("POSTGRES://h/db")
    assert not is_postgres_url("news.db")
    assert (
        redact("postgresql://u:pw@h:5/db?password=x&a=1")
        == "postgresql://u:***@h:5/db?password=%2A%2A%2A&a=1"
    )
    assert redact("host=h password='a b' user=u") == "host=h password=*** user=u"
    assert split_schema("postgresql://h/db?schema=s1&sslmode=disable") == (
        "postgresql://h/db?sslmode=disable",
        "s1",
    )


def test_dropped_connections_are_replaced(dsn):
    # What a server restart does to a running ingest: the pooled connections die.
    import psycopg

    store = _open(dsn)
    store.add_article(BASE)
    pids = {pid for (pid,) in store._read("SELECT pg_backend_pid()", ())}
    with psycopg.connect(require_postgres(), autocommit=True) as admin:
        for pid in pids:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    assert store.add_article(replace(BASE, id="y")) is True  # the pool reconnects
    assert store.count_articles() == 2
    assert {pid for (pid,) in store._read("SELECT pg_backend_pid()", ())}.isdisjoint(pids)
    store.close()
