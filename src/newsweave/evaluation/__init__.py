"""Every metric and scorer of the project, and the evaluations behind ``newsweave eval``.

Metrics (pure functions):

* :mod:`~newsweave.evaluation.prf`: the precision / recall / F1 result type;
* :mod:`~newsweave.evaluation.clusters`: B-cubed, pairwise F1 and adjusted Rand of a partition;
* :mod:`~newsweave.evaluation.coref`: MUC, B-cubed, CEAF-e and CoNLL F1 of entity chains;
* :mod:`~newsweave.evaluation.extraction`: the main-text extraction score of the AEB benchmark;
* :mod:`~newsweave.evaluation.align`: accuracy and F1 of sentence-pair decisions.

Evaluations (a labelled corpus read from a path the user gives; nothing here is bundled):
:mod:`~newsweave.evaluation.entities` (NER and resolution on ECB+),
:mod:`~newsweave.evaluation.dedup` (copies made from ECB+ articles, built by
:mod:`~newsweave.evaluation.copies` and :mod:`~newsweave.evaluation.paraphrase`) and
:mod:`~newsweave.evaluation.msrp` (MSRP paraphrase pairs). They score the package's shipped
defaults; choosing those defaults (tuning on train/dev splits) and the quality gate are the
runners in bench/quality.
"""
