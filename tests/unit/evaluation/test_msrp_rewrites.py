from tests.shared_data import SHARED, require_shared

from newsweave.evaluation.msrp import load
from newsweave.evaluation.msrp_rewrites import KINDS, article_pairs


def test_article_pairs_are_made_of_msrp_test_sentences_in_order() -> None:
    root = require_shared(SHARED / "data" / "msrp")
    pairs = article_pairs(root, sentences=4)
    assert {kind for kind, _, _ in pairs} == set(KINDS)
    test = load("test", root)
    label = {
        (a, b): y for a, b, y in zip(test.first, test.second, test.labels.tolist(), strict=True)
    }
    full = [(o, r) for kind, o, r in pairs if kind == "full"]
    original, rewrite = full[0]
    # each original sentence's paraphrase stands at the same place in the rewrite
    for a, b in label:
        if a in original.text and label[(a, b)] == 1:
            assert b in rewrite.text
            break
    else:
        raise AssertionError("no MSRP paraphrase pair in the first full article pair")
    related = [(o, r) for kind, o, r in pairs if kind == "related"]
    assert all(o.id != r.id for o, r in related)
    assert article_pairs(root, sentences=4) == pairs  # deterministic
