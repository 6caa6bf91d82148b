from __future__ import annotations

import gzip
import json

ARTICLE = "Harbour wall breached\n\nThe harbour wall at Orlen Bay was breached in a storm."
OTHER = "Budget vote delayed\n\nThe Orlen council delayed its budget vote by a week."


def test_mixed_good_and_bad_inputs(newsweave, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(ARTICLE)
    (inputs / "binary.txt").write_bytes(b"\x00\xff" * 50)
    (inputs / "empty.txt").write_text("")
    (inputs / "latin1.txt").write_bytes("Caf\u00e9".encode("latin-1"))
    (inputs / "broken.txt.gz").write_bytes(gzip.compress(OTHER.encode())[:15])
    records = [json.dumps({"id": "j1", "text": OTHER}), "{oops", json.dumps({"id": "j2"})]
    (inputs / "batch.jsonl").write_text("\n".join(records))
    result = newsweave("ingest", str(inputs), "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["stored"] == 2
    failed = {(f["origin"].rsplit("/", 1)[-1], f["reason"]) for f in report["failures"]}
    assert failed == {
        ("binary.txt", "binary"),
        ("empty.txt", "empty"),
        ("latin1.txt", "encoding"),
        ("broken.txt.gz", "gzip"),
        ("batch.jsonl:2", "json"),
        ("batch.jsonl:3", "record"),
    }
    listed = json.loads(newsweave("articles", "--json").stdout)
    assert len(listed) == 2
    assert "j1" in {a["id"] for a in listed}


def test_human_report_names_each_bad_file(newsweave, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = newsweave("ingest", str(tmp_path / "empty.txt"))
    assert result.returncode == 1
    assert "empty.txt" in result.stderr
    assert "NW203" in result.stderr


def test_stdin_and_show(newsweave):
    result = newsweave("ingest", "-", stdin=ARTICLE)
    assert result.returncode == 0, result.stderr
    [article] = json.loads(newsweave("articles", "--json").stdout)
    shown = newsweave("show", article["id"], "--json")
    assert json.loads(shown.stdout)["title"] == "Harbour wall breached"


def test_show_unknown_id_exits_1(newsweave):
    result = newsweave("show", "nope")
    assert result.returncode == 1
    assert "NW500" in result.stderr


def test_misuse_exits_2(newsweave):
    assert newsweave("ingest").returncode == 2
    assert newsweave("no-such-command").returncode == 2


def test_extract_prints_json_lines_without_storing(newsweave, tmp_path):
    for i in range(120):
        (tmp_path / f"a{i:03}.txt").write_text(f"Story {i}\n\nParagraph number {i} of the tale.")
    result = newsweave("extract", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 120
    assert set(rows[0]) == {"path", "title", "text", "date", "source", "removed"}
    assert rows[5]["title"] == "Story 5"
    assert json.loads(newsweave("articles", "--json").stdout) == []


def test_config_show_reflects_flags(newsweave, tmp_path):
    result = newsweave("config", "show")
    assert json.loads(result.stdout)["db"] == str(tmp_path / "t.db")


def test_a_crashing_reader_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch):
    from newsweave.backends.storage.memory import MemoryStorage
    from newsweave.config import Config
    from newsweave.engine import Engine
    from newsweave.readers import txt

    def explode(origin: str, text: str):
        if "boom" in text:
            raise RuntimeError("unexpected")
        return original(origin, text)

    original = txt.parse_txt
    monkeypatch.setattr("newsweave.readers.dispatch.parse_txt", explode)
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text("boom\n\nboom boom.")
    with Engine(Config(), storage=MemoryStorage()) as engine:
        report = engine.ingest([tmp_path])
    assert report.stored == 1
    [failure] = report.failures
    assert failure.reason == "crash"
    assert failure.origin.endswith("b.txt")
