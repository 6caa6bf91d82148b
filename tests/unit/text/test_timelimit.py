from __future__ import annotations

import time

import pytest

from newsweave.text.timelimit import TimeLimitExceeded, time_limit


def _spin_forever() -> None:
    with time_limit(0.2):
        while True:
            time.sleep(0.01)


def test_slow_block_is_interrupted():
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded):
        _spin_forever()
    assert time.monotonic() - started < 2


def test_fast_block_is_untouched():
    with time_limit(5):
        value = sum(range(1000))
    assert value == 499500
