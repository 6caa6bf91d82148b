from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from tests.shared_data import SHARED, require_shared

from newsweave.evaluation import extraction as ex

AEB_PATH = Path(__file__).resolve().parents[3] / "bench" / "quality" / "aeb.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("aeb_bench", AEB_PATH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["aeb_bench"] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


aeb = _load()


def test_tokenize_uses_word_characters():
    assert ex.tokenize("It's 3 o'clock — déjà vu!") == [
        "It",
        "s",
        "3",
        "o",
        "clock",
        "déjà",
        "vu",
    ]


def test_shingles_are_counted_word_4grams():
    grams = ex.shingles(ex.tokenize("a b c d e a b c d"))
    assert grams[("a", "b", "c", "d")] == 2
    assert sum(grams.values()) == 6
    assert ex.shingles(["a", "b"]) == {("a", "b"): 1}  # shorter text: one short shingle
    assert ex.shingles([]) == {}


def test_page_counts_are_normalised():
    tp, fp, fn = ex.page_counts("w1 w2 w3 w4 w5 x", "w1 w2 w3 w4 w5 w6")
    # pred shingles: (1234) (2345) (345x); truth: (1234) (2345) (3456)
    assert (tp, fp, fn) == pytest.approx((0.5, 0.25, 0.25))


def test_precision_recall_edge_cases():
    assert ex.page_precision_recall(0.0, 0.0, 0.0) == (1.0, 1.0)  # both empty
    assert ex.page_precision_recall(0.0, 0.0, 1.0) == (0.0, 0.0)  # nothing predicted
    assert ex.page_precision_recall(0.0, 1.0, 0.0) == (
        0.0,
        0.0,
    )  # truth empty, junk predicted
    assert ex.page_precision_recall(0.5, 0.25, 0.25) == (
        pytest.approx(2 / 3),
        pytest.approx(2 / 3),
    )


def test_score_averages_per_page_then_takes_harmonic_mean():
    truth = {
        "p1": "one two three four five six seven eight",
        "p2": "alpha beta gamma delta epsilon",
    }
    preds = {
        "p1": "one two three four five six seven eight",  # perfect: P = R = 1
        "p2": "alpha beta gamma delta epsilon zeta eta",  # truth 2 shingles, pred 4: P .5 R 1
    }
    s = ex.score(preds, truth, samples=50)
    assert s.pages == 2
    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(1.0)
    assert s.f1 == pytest.approx(2 * 0.75 / 1.75)
    assert s.accuracy == pytest.approx(0.5)
    assert s.f1_stderr > 0


def test_missing_prediction_counts_as_empty_and_exact_match_ignores_punctuation():
    truth = {"a": "Hello, world: this is it.", "b": "some words here to match"}
    s = ex.score({"a": "Hello world\n\nthis is it"}, truth, samples=10)
    assert s.accuracy == pytest.approx(0.5)
    assert s.precision == pytest.approx(0.5)
    assert s.recall == pytest.approx(0.5)


def test_bootstrap_is_seeded_and_zero_for_identical_pages():
    truth = {str(i): f"w{i} x y z q" for i in range(10)}
    preds = {k: v + " extra" for k, v in truth.items()}
    assert ex.score(preds, truth, seed=3).f1_stderr == ex.score(preds, truth, seed=3).f1_stderr
    assert ex.score(preds, truth).f1_stderr == pytest.approx(0.0, abs=1e-12)


def test_score_rejects_empty_truth():
    with pytest.raises(ValueError, match="no truth"):
        ex.score({}, {})


def test_baselines_are_unwrapped(tmp_path: Path):
    (tmp_path / "baseline_outputs").mkdir()
    plain = {"k": {"articleBody": "plain text"}}
    wrapped = {"version": "1.0", "output": {"k": {"articleBody": "wrapped text"}}}
    (tmp_path / "baseline_outputs" / "plain.json").write_text(json.dumps(plain))
    with gzip.open(tmp_path / "baseline_outputs" / "wrapped.json.gz", "wt") as fh:
        json.dump(wrapped, fh)
    (tmp_path / "ground-truth.json").write_text(json.dumps({"k": {"articleBody": "plain text"}}))
    assert aeb.load_baselines(tmp_path) == {
        "plain": {"k": "plain text"},
        "wrapped": {"k": "wrapped text"},
    }
    result = aeb.evaluate(tmp_path, ours=False)
    assert result["systems"]["plain"]["f1"] == pytest.approx(1.0)
    assert result["systems"]["wrapped"]["f1"] == pytest.approx(0.0)


AEB_DATA = SHARED / "data" / "scrapinghub_aeb"


@pytest.mark.parametrize(
    ("system", "f1", "precision", "recall"),
    [
        ("trafilatura", 0.958, 0.938, 0.978),
        ("readability", 0.922, 0.913, 0.931),
        ("readability_js", 0.947, 0.914, 0.982),
        ("html-text", 0.665, 0.500, 0.994),
    ],
)
def test_metric_reproduces_published_figures(
    system: str, f1: float, precision: float, recall: float
):
    truth = aeb.load_truth(require_shared(AEB_DATA))
    s = ex.score(aeb.load_baselines(AEB_DATA)[system], truth, samples=20)
    assert s.pages == 181
    assert (round(s.f1, 3), round(s.precision, 3), round(s.recall, 3)) == (f1, precision, recall)
