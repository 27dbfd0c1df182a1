"""The cyclic garbage collector paused for a bulk job.

A bulk resolution builds millions of objects that live for the whole run (records, prepared
names, remembered name comparisons) and form no reference cycles. CPython 3.11's collector
walks every one of them again each time enough new ones have accumulated: at a million
records a third of the weighing time and a quarter of the reading went to those walks.
Reference counting still frees whatever the job drops; only cycles wait, until the collector
runs again when the job ends. Forked workers inherit the pause.

A command's job can also leave what it made to the process's end (``kept_to_the_end``):
the command exits without CPython's clean-up (``cli/main.py``), so memory freed object by
object on the way out is time spent for nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_KEPT: list[object] = []  # what the last job made, left for the process's end


@contextmanager
def collector_paused(*, last_job: bool = False) -> Iterator[None]:
    """Run the block with the cyclic collector off, then put it back as it was.

    ``last_job``: the process ends with the block (a command), so what the job leaves alive
    (its caches of names and comparisons) is set aside for good (``gc.freeze``) rather than
    walked once more on the way out: a quarter of a second after 20,000 records. What an
    earlier last job of this process kept to the end (a test's run) is let go now."""
    if last_job:
        _KEPT.clear()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if last_job:
            gc.freeze()
        if was_enabled:
            gc.enable()


def kept_to_the_end(*made: object) -> None:
    """Keep what a command's job made alive until the process ends, rather than free it
    object by object as the command returns (0.04 s after resolving 20,000 records: records,
    pairs, entities), when its exit reclaims the memory at once."""
    _KEPT.append(made)
