"""The cyclic garbage collector paused for a bulk job.

A bulk resolution builds millions of objects that live for the whole run (records, prepared
names, remembered name comparisons) and form no reference cycles. CPython 3.11's collector
walks every one of them again each time enough new ones have accumulated: at a million
records a third of the weighing time and a quarter of the reading went to those walks.
Reference counting still frees whatever the job drops; only cycles wait, until the collector
runs again when the job ends. Forked workers inherit the pause.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(*, last_job: bool = False) -> Iterator[None]:
    """Run the block with the cyclic collector off, then put it back as it was.

    ``last_job``: the process ends with the block (a command), so what the job leaves alive
    (its caches of names and comparisons) is set aside for good (``gc.freeze``) rather than
    walked once more on the way out: a quarter of a second after 20,000 records."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if last_job:
            gc.freeze()
        if was_enabled:
            gc.enable()
