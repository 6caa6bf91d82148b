"""Every kind of bad input gets one clear error naming the file; good inputs still load."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsweave.errors import InputError
from newsweave.model import Article
from newsweave.readers import ReadLimits, iter_input_paths, read_input

ARTICLE = "Harbour wall breached\n\nThe harbour wall at Orlen Bay was breached in a storm."


def _errors(path: Path, limits: ReadLimits | None = None) -> list[InputError]:
    results = list(read_input(str(path), limits))
    return [r for r in results if isinstance(r, InputError)]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("binary.txt", b"\x00\x01\x02\xff" * 100, "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t", "empty"),
        ("latin1.txt", "Caf\u00e9 society news.".encode("latin-1"), "encoding"),
        ("truncated.txt.gz", gzip.compress(ARTICLE.encode())[:20], "gzip"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        ("notes.docx", b"some words", "unsupported"),
    ],
)
def test_bad_file_gives_one_named_error(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    [error] = _errors(path)
    assert error.reason == reason
    assert error.path == str(path)
    assert str(path) in str(error)
    assert error.code.startswith("NW2")


def test_missing_file_is_unreadable(tmp_path):
    [error] = _errors(tmp_path / "nope.txt")
    assert error.reason == "unreadable"


def test_file_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 100)
    [error] = _errors(path, ReadLimits(max_bytes=1000))
    assert error.reason == "too_large"


def test_gzip_bomb_is_refused_without_expanding_it(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 5_000_000))
    [error] = _errors(path, ReadLimits(max_bytes=100_000))
    assert error.reason == "too_large"
    assert "decompresses" in error.detail


def test_gzipped_text_is_read(tmp_path):
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(ARTICLE.encode()))
    [article] = list(read_input(str(path)))
    assert isinstance(article, Article)
    assert article.title == "Harbour wall breached"


def test_gzipped_jsonl_is_read(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    records = [{"id": str(i), "title": "t", "text": f"Story number {i}."} for i in range(3)]
    path.write_bytes(gzip.compress("\n".join(json.dumps(r) for r in records).encode()))
    assert [r.id for r in read_input(str(path)) if isinstance(r, Article)] == ["0", "1", "2"]


def test_directories_are_walked_recursively_and_hidden_files_skipped(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text(ARTICLE)
    (tmp_path / "two.txt").write_text(ARTICLE)
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    found = list(iter_input_paths([tmp_path]))
    assert found == [str(tmp_path / "a" / "b" / "one.txt"), str(tmp_path / "two.txt")]


def test_deeply_nested_html_is_handled(tmp_path):
    path = tmp_path / "nested.html"
    body = (
        "<div>" * 20000
        + "<p>"
        + "Deep text of the council report. " * 20
        + "</p>"
        + "</div>" * 20000
    )
    path.write_text(f"<html><head><title>Deep</title></head><body>{body}</body></html>")
    results = list(read_input(str(path)))
    assert len(results) == 1
    assert isinstance(results[0], Article | InputError)


def test_slow_html_extraction_hits_the_time_limit(tmp_path, monkeypatch):
    import time

    def slow(*args, **kwargs):
        time.sleep(5)

    monkeypatch.setattr("newsweave.readers.html.extract_html", slow)
    path = tmp_path / "slow.html"
    path.write_text("<html><body><p>text</p></body></html>")
    [error] = _errors(path, ReadLimits(html_seconds=0.3))
    assert error.reason == "timeout"
    assert error.code == "NW213"
    assert str(path) in str(error)
