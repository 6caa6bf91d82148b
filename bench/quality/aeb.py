r"""Article Extraction Benchmark (AEB) scorer for newsweave's HTML reader.

Scores main-text extraction (and the text ``ingest`` keeps after the cleaning stage) against
the human-checked article bodies of the Scrapinghub / Zyte
Article Extraction Benchmark (181 pages, read from ``../shared/data/scrapinghub_aeb``; never
copied into the repository), with the metric of :mod:`newsweave.evaluation.extraction`.

Usage::

    python bench/quality/aeb.py [--data DIR] [--json] [--no-ours]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from newsweave.errors import InputError
from newsweave.evaluation.extraction import score
from newsweave.model import Article
from newsweave.readers.html import extract_html
from newsweave.stages.clean import clean_article

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "scrapinghub_aeb"


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


def run_ours(
    data_dir: Path, truth: Mapping[str, str]
) -> tuple[dict[str, str], dict[str, str], float, list[str]]:
    """Run newsweave's extractor, then its cleaning stage, on every page.

    Returns:
        (extracted texts, texts kept after cleaning as ``ingest`` keeps them, seconds spent
        extracting, ids of the pages refused with ``InputError`` by either step).
    """
    urls = _read_json(data_dir / "ground-truth.json")
    extracted: dict[str, str] = {}
    cleaned: dict[str, str] = {}
    refused: list[str] = []
    elapsed = 0.0
    for key in truth:
        raw = gzip.decompress((data_dir / "html" / f"{key}.html.gz").read_bytes())
        start = time.perf_counter()
        try:
            page = extract_html(raw, url=urls[key].get("url"), path=key)
        except InputError:
            extracted[key] = cleaned[key] = ""
            refused.append(key)
            continue
        finally:
            elapsed += time.perf_counter() - start
        extracted[key] = page.text
        try:
            article = Article(id=key, title=page.title or "", text=page.text)
            cleaned[key] = clean_article(article).text
        except InputError:
            cleaned[key] = ""
            refused.append(key)
    return extracted, cleaned, elapsed, refused


def evaluate(data_dir: Path = DEFAULT_DATA, *, ours: bool = True) -> dict[str, Any]:
    """Score our extractor (unless ``ours`` is false) and every stored baseline.

    Returns:
        ``{"systems": {name: AebScore as dict}, "ours_seconds": float, "ours_failures": int,
        "ours_refused_gold": int}``; system ``newsweave`` is the extractor's text,
        ``newsweave+clean`` what ingest keeps after cleaning (a refused page scores as empty).
    """
    truth = load_truth(data_dir)
    results: dict[str, Any] = {"systems": {}}
    if ours:
        extracted, cleaned, seconds, refused = run_ours(data_dir, truth)
        results["systems"]["newsweave"] = asdict(score(extracted, truth))
        results["systems"]["newsweave+clean"] = asdict(score(cleaned, truth))
        results["ours_seconds"] = round(seconds, 2)
        results["ours_failures"] = len(refused)
        results["ours_refused_gold"] = sum(1 for key in refused if truth[key].strip())
        results["ours_gold_pages"] = sum(1 for text in truth.values() if text.strip())
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
            f"{results['ours_failures']} pages refused (InputError), "
            f"{results['ours_refused_gold']} of them with a gold body"
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
    metrics["ingest.f1"] = float(systems["newsweave+clean"]["f1"])
    gold = results["ours_gold_pages"]
    metrics["ingest.gold_pages_kept"] = (gold - results["ours_refused_gold"]) / gold
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
