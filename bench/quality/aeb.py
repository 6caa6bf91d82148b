r"""Article Extraction Benchmark (AEB) scorer for newsweave's HTML reader.

Scores main-text extraction against the human-checked article bodies of the Scrapinghub / Zyte
Article Extraction Benchmark (181 pages, read from ``../shared/data/scrapinghub_aeb``; never
copied into the repository). The metric is a fresh implementation of the one the benchmark's
README describes:

* tokens are the matches of the regex ``\w+``;
* each page becomes a multiset of word 4-gram shingles, for truth and prediction;
* per page, TP / FP / FN are the overlapping, surplus and missing shingle counts, normalised
  so they sum to one;
* precision and recall are computed per page and averaged over pages; F1 is the harmonic mean
  of the two averages;
* accuracy is the share of pages whose token sequence equals the truth exactly;
* the standard error of F1 comes from a seeded bootstrap over pages (1,000 resamples).

Usage::

    python bench/quality/aeb.py [--data DIR] [--json] [--no-ours]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "scrapinghub_aeb"
SHINGLE = 4
BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 42
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True, kw_only=True)
class AebScore:
    """Benchmark figures for one system.

    Attributes:
        f1: harmonic mean of the page-averaged precision and recall.
        precision: mean per-page shingle precision.
        recall: mean per-page shingle recall.
        accuracy: share of pages whose token sequence matches the truth exactly.
        f1_stderr: bootstrap standard error of ``f1``.
        pages: number of pages scored.
    """

    f1: float
    precision: float
    recall: float
    accuracy: float
    f1_stderr: float
    pages: int


def tokenize(text: str) -> list[str]:
    r"""Split text into ``\w+`` tokens."""
    return _TOKEN.findall(text)


def shingles(tokens: Sequence[str], n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Count the word n-grams of a token sequence.

    A sequence shorter than ``n`` (but not empty) yields one shorter shingle, so that short
    texts still count.
    """
    if not tokens:
        return Counter()
    last = max(1, len(tokens) - n + 1)
    return Counter(tuple(tokens[i : i + n]) for i in range(last))


def page_counts(pred: str, true: str) -> tuple[float, float, float]:
    """Return the normalised (TP, FP, FN) shingle shares of one page."""
    p, t = shingles(tokenize(pred)), shingles(tokenize(true))
    tp = sum(min(c, t[k]) for k, c in p.items())
    fp = sum(max(0, c - t[k]) for k, c in p.items())
    fn = sum(max(0, c - p[k]) for k, c in t.items())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def page_precision_recall(tp: float, fp: float, fn: float) -> tuple[float, float]:
    """Precision and recall of one page, with the benchmark's edge cases.

    Both are 1 when nothing is wrong (``fp == fn == 0``, which includes two empty texts);
    precision is 0 when nothing was predicted, recall is 0 when nothing matched the truth.
    """
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = 0.0 if tp == 0 and fp == 0 else tp / (tp + fp)
    recall = 0.0 if tp == 0 and fn == 0 else tp / (tp + fn)
    return precision, recall


def _f1(precision: float, recall: float) -> float:
    """Harmonic mean of two numbers (0 when both are 0)."""
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def _f1_of(rows: Sequence[tuple[float, float]]) -> float:
    """F1 of the page-averaged precision and recall of ``rows``."""
    n = len(rows)
    return _f1(sum(r[0] for r in rows) / n, sum(r[1] for r in rows) / n)


def _bootstrap_stderr(rows: Sequence[tuple[float, float]], samples: int, seed: int) -> float:
    """Standard deviation of F1 over page resamples drawn with replacement."""
    rng = random.Random(seed)
    n = len(rows)
    values = [_f1_of([rows[rng.randrange(n)] for _ in range(n)]) for _ in range(samples)]
    mean = sum(values) / samples
    return float((sum((v - mean) ** 2 for v in values) / samples) ** 0.5)


def score(
    predictions: Mapping[str, str],
    truth: Mapping[str, str],
    *,
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> AebScore:
    """Score predicted article texts against the truth.

    Args:
        predictions: page id -> predicted text; a missing page counts as an empty prediction.
        truth: page id -> true article text; defines the pages scored.
        samples: bootstrap resamples for the standard error.
        seed: bootstrap random seed.

    Returns:
        The benchmark figures.

    Raises:
        ValueError: when ``truth`` is empty.
    """
    if not truth:
        raise ValueError("no truth pages to score")
    rows: list[tuple[float, float]] = []
    exact = 0
    for key, true in truth.items():
        pred = predictions.get(key, "")
        rows.append(page_precision_recall(*page_counts(pred, true)))
        exact += tokenize(pred) == tokenize(true)
    n = len(rows)
    precision = sum(r[0] for r in rows) / n
    recall = sum(r[1] for r in rows) / n
    return AebScore(
        f1=_f1(precision, recall),
        precision=precision,
        recall=recall,
        accuracy=exact / n,
        f1_stderr=_bootstrap_stderr(rows, samples, seed),
        pages=n,
    )


def _read_json(path: Path) -> Any:  # noqa: ANN401 - JSON of unknown shape
    """Read a JSON file, gunzipping it when its name ends in ``.gz``."""
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return json.load(fh)
    return json.loads(path.read_text(encoding="utf-8"))


def _bodies(records: Mapping[str, Any]) -> dict[str, str]:
    """Map page id -> ``articleBody`` (empty when absent or null)."""
    return {k: str((v or {}).get("articleBody") or "") for k, v in records.items()}


def load_truth(data_dir: Path) -> dict[str, str]:
    """Load the ground-truth article bodies."""
    return _bodies(_read_json(data_dir / "ground-truth.json"))


def load_baselines(data_dir: Path) -> dict[str, dict[str, str]]:
    """Load every stored system output, unwrapping ``{"version", "output"}`` files."""
    systems: dict[str, dict[str, str]] = {}
    for path in sorted((data_dir / "baseline_outputs").glob("*.json*")):
        data = _read_json(path)
        if isinstance(data, dict) and set(data) == {"version", "output"}:
            data = data["output"]
        systems[path.name.split(".json")[0]] = _bodies(data)
    return systems


def run_ours(data_dir: Path, truth: Mapping[str, str]) -> tuple[dict[str, str], float, int]:
    """Run newsweave's extractor on every page.

    Returns:
        (predictions, seconds spent extracting, number of pages that raised ``InputError``).
    """
    if importlib.util.find_spec("newsweave") is None:  # run from a checkout, not installed
        sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    from newsweave.errors import InputError
    from newsweave.readers.html import extract_html

    urls = _read_json(data_dir / "ground-truth.json")
    preds: dict[str, str] = {}
    failures = 0
    elapsed = 0.0
    for key in truth:
        raw = gzip.decompress((data_dir / "html" / f"{key}.html.gz").read_bytes())
        start = time.perf_counter()
        try:
            preds[key] = extract_html(raw, url=urls[key].get("url"), path=key).text
        except InputError:
            preds[key] = ""
            failures += 1
        elapsed += time.perf_counter() - start
    return preds, elapsed, failures


def evaluate(data_dir: Path = DEFAULT_DATA, *, ours: bool = True) -> dict[str, Any]:
    """Score our extractor (unless ``ours`` is false) and every stored baseline.

    Returns:
        ``{"systems": {name: AebScore as dict}, "ours_seconds": float, "ours_failures": int}``.
    """
    truth = load_truth(data_dir)
    results: dict[str, Any] = {"systems": {}}
    if ours:
        preds, seconds, failures = run_ours(data_dir, truth)
        results["systems"]["newsweave"] = asdict(score(preds, truth))
        results["ours_seconds"] = round(seconds, 2)
        results["ours_failures"] = failures
    for name, preds in load_baselines(data_dir).items():
        results["systems"][name] = asdict(score(preds, truth))
    return results


def _table(results: Mapping[str, Any]) -> str:
    """Format the results as a plain-text table, best F1 first."""
    systems: dict[str, dict[str, float]] = results["systems"]
    lines = [f"{'system':<16} {'F1':>13} {'precision':>9} {'recall':>7} {'accuracy':>8}"]
    for name, s in sorted(systems.items(), key=lambda kv: -kv[1]["f1"]):
        f1 = f"{s['f1']:.3f} ± {s['f1_stderr']:.3f}"
        lines.append(
            f"{name:<16} {f1:>13} {s['precision']:>9.3f} {s['recall']:>7.3f} {s['accuracy']:>8.3f}"
        )
    if "ours_seconds" in results:
        lines.append(
            f"newsweave: {results['ours_seconds']:.1f} s extracting, "
            f"{results['ours_failures']} pages raised InputError"
        )
    return "\n".join(lines)


#: Pinned by the quality gate (bench/baseline.json); relative to the shared/ folder.
CORPUS = Path("data/scrapinghub_aeb/ground-truth.json")


def gate_metrics(shared: Path) -> dict[str, float]:
    """Metrics for the quality gate: ours, and the stored reference systems from the same run."""
    results = evaluate(shared / CORPUS.parent)
    systems = results["systems"]
    metrics = {key: float(systems["newsweave"][key]) for key in ("f1", "precision", "recall")}
    metrics["accuracy"] = float(systems["newsweave"]["accuracy"])
    for name in ("trafilatura", "readability", "readability_js"):
        metrics[f"reference.{name}.f1"] = float(systems[name]["f1"])
    return metrics


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: print the score table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark folder")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--no-ours", action="store_true", help="score stored systems only")
    args = parser.parse_args(argv)
    results = evaluate(args.data, ours=not args.no_ours)
    print(json.dumps(results, indent=2) if args.json else _table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
