from __future__ import annotations

import struct

import numpy as np

from newsweave.dedup.index import CandidateIndex, SketchConfig, content_terms, exact_keys, sketch
from newsweave.dedup.lsh import KeyIndex, band_keys
from newsweave.text.shingles import hash_tokens

TEXTS = [
    "The council approved the budget on Tuesday after a long and heated debate in the chamber.",
    "Scientists found water ice in a crater near the lunar south pole, the agency announced.",
    "THE COUNCIL APPROVED THE BUDGET ON TUESDAY AFTER A LONG AND HEATED DEBATE IN THE CHAMBER!",
    "",
]


def test_exact_keys_ignore_case_and_punctuation_but_not_order():
    keys = exact_keys(hash_tokens([*TEXTS, "budget the approved council"]))
    assert keys[0] == keys[2]
    assert keys[0] != keys[1]
    assert keys[3] == 0


def test_content_terms_drop_function_words():
    batch = content_terms(hash_tokens(["the cat and the hat", "of the"]))
    assert batch.offsets.tolist() == [0, 2, 2]


def test_index_finds_copies_and_round_trips():
    config = SketchConfig(num_perm=64, rewrite_perm=32)
    index = CandidateIndex(config)
    index.add(np.arange(4), sketch(TEXTS, config))
    assert len(index) == 3  # the empty text is not stored
    probe = sketch([TEXTS[0] + " Share this story.", ""], config)
    rows, ids = index.candidates(probe)
    assert 0 in ids[rows == 0].tolist()
    assert 2 in ids[rows == 0].tolist()
    assert 1 not in ids.tolist()
    assert (rows == 1).sum() == 0
    restored = CandidateIndex.from_bytes(index.to_bytes())
    assert restored.config == config
    again = restored.candidates(probe)
    assert np.array_equal(again[0], rows)
    assert np.array_equal(again[1], ids)
    assert index.dropped == 0


def test_reads_the_earlier_state_format():
    config = SketchConfig(num_perm=64, rewrite_perm=32)
    sk = sketch(TEXTS[:3], config)
    index = CandidateIndex(config)
    near, rewrite = index._near, index._rewrite
    parts = [b"", b"", b""]
    exact = KeyIndex()
    exact.add(sk.exact, np.arange(3, dtype=np.uint32))
    parts[0] = exact.to_bytes()
    for k, (lsh, sigs) in enumerate(((near, sk.near), (rewrite, sk.rewrite)), start=1):
        keys = KeyIndex()
        keys.add(
            band_keys(sigs, lsh.bands, lsh.rows).ravel(),
            np.repeat(np.arange(3, dtype=np.uint32), lsh.bands),
        )
        head = struct.pack(
            "<8sIIIQQ", b"NWLSH1\0\0", lsh.num_perm, lsh.bands, lsh.rows, lsh.seed, 3
        )
        parts[k] = head + keys.to_bytes()
    c = config
    head = struct.pack(
        "<8sIIdIdQ",
        b"NWCAND1\0",
        c.shingle_size,
        c.num_perm,
        c.near_threshold,
        c.rewrite_perm,
        c.rewrite_threshold,
        c.seed,
    )
    state = head + struct.pack("<QQQ", *map(len, parts)) + b"".join(parts)
    restored = CandidateIndex.from_bytes(state)
    assert restored.config == config
    _, ids = restored.candidates(sketch([TEXTS[0]], config))
    assert sorted(ids.tolist()) == [0, 2]
