"""A bulk job pauses the cyclic collector and leaves it as it found it."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from corridor.engines.collector import collector_paused, kept_to_the_end


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_off_in_the_block_and_back_on_after_it() -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_failing_job_still_puts_the_collector_back() -> None:
    gc.enable()
    with pytest.raises(RuntimeError, match="job failed"), collector_paused():
        raise RuntimeError("job failed")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_a_last_job_sets_what_it_leaves_alive_aside_from_the_collector() -> None:
    gc.enable()
    with collector_paused(last_job=True):
        kept = [[k] for k in range(1_000)]
    try:
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()


def test_an_ordinary_job_leaves_its_objects_to_the_collector() -> None:
    gc.unfreeze()
    with collector_paused():
        kept = [[k] for k in range(1_000)]
    assert gc.get_freeze_count() == 0
    assert kept


class _Made:
    """Something a job makes (a plain object can be referenced weakly)."""


def test_what_a_last_job_keeps_lives_until_the_next_last_job() -> None:
    with collector_paused(last_job=True):
        made = _Made()
        kept_to_the_end(made)
    alive = weakref.ref(made)
    del made
    assert alive() is not None  # left for the process's end
    with collector_paused(last_job=True):
        assert alive() is None  # a second job in one process (a test's) lets it go
