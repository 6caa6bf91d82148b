"""Facts and summaries prepared in the background, so a story page never waits for them.

A story page shows the facts and summary stored for the story's current state. When they are
missing or out of date, the page says so and the story is queued once on the analysis thread
(its own queue, so posted articles never wait behind queued analyses; it writes under the
engine's writer lock like every write); the page refreshes itself and finds them ready.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from newsweave.engine import Engine
from newsweave.errors import NewsweaveError
from newsweave.views import StoryView

logger = logging.getLogger(__name__)


class Preparer:
    """Queues each story's analysis at most once at a time."""

    def __init__(self, engine: Engine) -> None:
        """Prepare stories of ``engine`` on a thread of its own."""
        self.engine = engine
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsweave-analysis")
        self._pending: set[str] = set()
        self._lock = threading.Lock()

    def ensure(self, view: StoryView) -> bool:
        """True when the view's facts and summary are ready; else queue them and say False."""
        if view.facts is not None and view.summary is not None:
            return True
        story_id = view.story.id
        with self._lock:
            if story_id in self._pending:
                return False
            self._pending.add(story_id)
        try:
            self.writer.submit(self._run, story_id)
        except RuntimeError:  # the server is shutting down
            self._done(story_id)
        return False

    def close(self) -> None:
        """Drop queued analyses and wait for the running one."""
        self.writer.shutdown(wait=True, cancel_futures=True)

    def _run(self, story_id: str) -> None:
        try:
            self.engine.prepare_story(story_id)
        except NewsweaveError as exc:
            logger.warning("could not prepare story %s: %s", story_id, exc)
        finally:
            self._done(story_id)

    def _done(self, story_id: str) -> None:
        with self._lock:
            self._pending.discard(story_id)
