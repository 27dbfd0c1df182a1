"""Records that arrive one at a time (a crossing at the booth) resolved just after their
transaction commits, on one worker thread, so that the officer's answer never waits for it
and the record never waits for a batch.

A queue and a thread rather than a task broker: the work is milliseconds against a warm
resolver and belongs to the node that stored the record; a broker would add a service to
every node for it. A record whose resolution fails (or that was queued when the process
stopped) keeps its own entity until the next bulk resolve, which takes every record.
"""

from __future__ import annotations

import logging
import queue
import threading

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from corridor.domain.principal import Principal
from corridor.services import entities

log = logging.getLogger("corridor.arrivals")

_Arrival = tuple[Engine, Principal, int]


class Arrivals:
    def __init__(self) -> None:
        self._queue: queue.Queue[_Arrival] = queue.Queue()
        self._worker: threading.Thread | None = None
        self._lock = threading.Lock()

    def resolve_after_commit(self, session: Session, principal: Principal, record_id: int) -> None:
        """Resolve the person record once ``session``'s transaction has committed (never if
        it rolls back: then the record was not stored)."""
        engine = session.get_bind().engine

        def committed(_session: Session) -> None:
            self._put((engine, principal, record_id))

        event.listen(session, "after_commit", committed, once=True)

    def wait(self) -> None:
        """Until every record queued so far is resolved (tests; an orderly shutdown)."""
        self._queue.join()

    def _put(self, arrival: _Arrival) -> None:
        with self._lock:
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run, name="arrivals", daemon=True)
                self._worker.start()
        self._queue.put(arrival)

    def _run(self) -> None:
        while True:
            engine, principal, record_id = self._queue.get()
            try:
                with Session(engine, expire_on_commit=False) as session, session.begin():
                    entities.resolve_incoming(session, principal, record_id)
            except Exception:  # the bulk resolve will take it; the worker must go on
                log.exception("person record %d not resolved on arrival", record_id)
            finally:
                self._queue.task_done()


ARRIVALS = Arrivals()
