"""The quality gate waives only what it is told to, and fails when it cannot look."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

GATE_PATH = Path(__file__).resolve().parents[3] / "bench" / "quality" / "gate.py"
CORPUS = Path("data/toy/corpus.jsonl")
MEASURED = {"f1": 0.90, "recall": 0.80, "precision": 0.95}


@pytest.fixture
def gate(monkeypatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("gate_under_test", GATE_PATH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gate_under_test"] = module
    spec.loader.exec_module(module)
    fake = SimpleNamespace(CORPUS=CORPUS, gate_metrics=lambda shared: dict(MEASURED))
    monkeypatch.setattr(module, "SUITES", ("toy",))
    monkeypatch.setattr(module, "load_suite", lambda name: fake)
    return module


@pytest.fixture
def shared(tmp_path) -> Path:
    root = tmp_path / "shared"
    (root / CORPUS).parent.mkdir(parents=True)
    (root / CORPUS).write_text('{"id": 1}\n', encoding="utf-8")
    return root


def _baseline(tmp_path: Path, shared: Path, floors: dict[str, float], sha: str = "") -> Path:
    digest = sha or hashlib.sha256((shared / CORPUS).read_bytes()).hexdigest()
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"toy": {"corpus_sha256": digest, "floors": floors}}))
    return path


def _run(gate: ModuleType, shared: Path, baseline: Path, *extra: str) -> int:
    return int(gate.main(["--shared", str(shared), "--baseline", str(baseline), *extra]))


def _floors(baseline: Path) -> dict[str, float]:
    return dict(json.loads(baseline.read_text())["toy"]["floors"])


def test_passing_run_leaves_the_baseline_alone(gate, shared, tmp_path):
    baseline = _baseline(tmp_path, shared, {"f1": 0.85, "recall": 0.75})
    before = baseline.read_text()
    assert _run(gate, shared, baseline) == 0
    assert baseline.read_text() == before


def test_allow_regression_lowers_only_the_named_floor(gate, shared, tmp_path):
    baseline = _baseline(tmp_path, shared, {"f1": 0.95, "recall": 0.75, "precision": 0.90})
    assert _run(gate, shared, baseline) == 1
    assert _run(gate, shared, baseline, "--allow-regression", "toy.f1") == 0
    # f1 falls to the measured value; the floors that held are neither lowered nor raised.
    assert _floors(baseline) == {"f1": 0.90, "recall": 0.75, "precision": 0.90}


def test_an_unnamed_regression_still_fails_and_nothing_is_written(gate, shared, tmp_path):
    baseline = _baseline(tmp_path, shared, {"f1": 0.95, "recall": 0.85})
    before = baseline.read_text()
    assert _run(gate, shared, baseline, "--allow-regression", "toy.f1") == 1
    assert baseline.read_text() == before


def test_allow_regression_rejects_names_that_are_no_floor(gate, shared, tmp_path):
    baseline = _baseline(tmp_path, shared, {"f1": 0.95})
    assert _run(gate, shared, baseline, "--allow-regression", "toy") == 2
    assert _run(gate, shared, baseline, "--allow-regression", "toy.accuracy") == 2
    assert _run(gate, shared, baseline, "--allow-regression", "other.f1") == 2


def test_missing_data_fails_unless_skipping_is_asked_for(gate, tmp_path, shared):
    baseline = _baseline(tmp_path, shared, {"f1": 0.85})
    absent = tmp_path / "nowhere"
    assert _run(gate, absent, baseline) == 1
    assert _run(gate, absent, baseline, "--skip-missing") == 0


def test_missing_corpus_of_one_suite_fails_unless_skipping(gate, tmp_path, shared):
    baseline = _baseline(tmp_path, shared, {"f1": 0.85})
    (shared / CORPUS).unlink()
    assert _run(gate, shared, baseline) == 1
    assert _run(gate, shared, baseline, "--skip-missing") == 0


def test_changed_corpus_fails_unless_named(gate, shared, tmp_path):
    baseline = _baseline(tmp_path, shared, {"f1": 0.85}, sha="0" * 64)
    assert _run(gate, shared, baseline, "--allow-regression", "toy.f1") == 1
    assert _run(gate, shared, baseline, "--allow-regression", "toy.corpus_sha256") == 0
    digest = hashlib.sha256((shared / CORPUS).read_bytes()).hexdigest()
    assert json.loads(baseline.read_text())["toy"]["corpus_sha256"] == digest
    assert _floors(baseline) == {"f1": 0.85}


def test_a_floored_metric_that_is_no_longer_measured_fails(gate, shared, tmp_path):
    baseline = _baseline(tmp_path, shared, {"f1": 0.85, "accuracy": 0.5})
    assert _run(gate, shared, baseline) == 1
