"""Work on every core of this machine through forked processes.

The bulk jobs are Python (name alignment, romanisation), so threads would share one core. A
forked worker inherits everything the parent has built (a resolver, an index, loaded
dictionaries) without copying it: only each task's input and its result cross between the
processes, pickled. So a task here may be any callable, a closure or a bound method, which
a process started afresh could not be given. Where the platform cannot fork, the work runs
in this process, one task after another, with the same results.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any, TypeVar

Input = TypeVar("Input")
Output = TypeVar("Output")

# Each task is filed here in the parent before its workers fork, so they find it by its
# number; several may be under way at once (a join in the background while slices are weighed).
_TASKS: dict[int, Callable[..., Any]] = {}
_NUMBERS = itertools.count()


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def forked_map(
    task: Callable[[Input], Output], inputs: Iterable[Input], workers: int
) -> Iterator[Output]:
    """``task`` of each input, in the inputs' order, on ``workers`` forked processes (here,
    one input after another, with one worker or no fork). The inputs are read as the workers
    need them, so a file can be handed over chunk by chunk as it is read."""
    if workers <= 1 or not can_fork():
        yield from map(task, inputs)
        return
    with _inherited(task) as number, multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(partial(_run, number), inputs)


@contextmanager
def in_background(task: Callable[[], Output]) -> Iterator[Callable[[], Output]]:
    """``task`` started in a forked process now, while the block goes on here; the block is
    given a function that waits for the task's value (here, one that runs it then)."""
    if not can_fork():
        yield task
        return
    with _inherited(task) as number, multiprocessing.get_context("fork").Pool(1) as pool:
        pending = pool.apply_async(_call, (number,))

        def wait() -> Output:
            value: Output = pending.get()
            pool.close()  # its worker leaves now, not when the block ends
            return value

        yield wait


@contextmanager
def _inherited(task: Callable[..., Any]) -> Iterator[int]:
    number = next(_NUMBERS)
    _TASKS[number] = task
    try:
        yield number
    finally:
        del _TASKS[number]


def _run(number: int, value: Any) -> Any:
    return _TASKS[number](value)


def _call(number: int) -> Any:
    return _TASKS[number]()
