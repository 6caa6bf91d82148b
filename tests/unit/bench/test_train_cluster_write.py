"""``train_cluster.py --write`` writes a data file the package reads back unchanged."""

from __future__ import annotations

import hashlib
import json

from newsweave.cluster.params import default_params, params_from_data


def test_written_set_round_trips_with_its_provenance(tmp_path, monkeypatch):
    from bench.quality import train_cluster

    monkeypatch.setattr(train_cluster, "DATA_DIR", tmp_path)
    corpus = tmp_path / "ecbplus.jsonl"
    corpus.write_text('{"id": "1", "split": "train"}\n', encoding="utf-8")
    fitted = default_params("none")
    path = train_cluster.write_params(
        "none", fitted, "python -m bench.quality.train_cluster", corpus
    )
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["fitted_on"]["sha256"] == hashlib.sha256(corpus.read_bytes()).hexdigest()
    assert (data["fitted_on"]["weights"], data["fitted_on"]["thresholds"]) == ("train", "dev")
    assert params_from_data(data) == fitted
