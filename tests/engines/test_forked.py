"""Forked workers run any callable and hand back its values in order, or the work runs here."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from corridor.engines import forked
from corridor.engines.forked import forked_map, in_background


def test_a_closure_runs_on_the_workers_and_its_values_come_back_in_order() -> None:
    offset = 1000  # a closure: a process started afresh could not be handed it

    def task(value: int) -> tuple[int, int]:
        return value + offset, os.getpid()

    done = list(forked_map(task, range(40), workers=2))
    assert [value for value, _ in done] == [value + offset for value in range(40)]
    assert os.getpid() not in {pid for _, pid in done}


def test_one_worker_runs_the_tasks_here() -> None:
    assert {pid for pid in forked_map(lambda _: os.getpid(), range(3), workers=1)} == {os.getpid()}


def test_a_task_in_the_background_runs_while_the_caller_goes_on() -> None:
    parent = os.getpid()
    with in_background(lambda: (os.getpid(), sum(range(10)))) as value:
        meanwhile = os.getpid()
        pid, total = value()
    assert total == 45
    assert pid != parent == meanwhile


def test_the_background_worker_leaves_once_its_value_is_taken() -> None:
    with in_background(os.getpid) as value:
        worker = value()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and worker in _children():
            time.sleep(0.01)
        assert worker not in _children()  # gone while the block still runs


def _children() -> set[int | None]:
    return {child.pid for child in multiprocessing.active_children()}


def test_without_fork_the_work_runs_here_with_the_same_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert list(forked_map(lambda v: (v * 2, os.getpid()), [1, 2], workers=2)) == [
        (2, os.getpid()),
        (4, os.getpid()),
    ]
    with in_background(os.getpid) as value:
        assert value() == os.getpid()


def test_an_error_in_a_worker_reaches_the_caller() -> None:
    def task(value: int) -> int:
        if value == 3:
            raise ValueError("row 3 is bad")
        return value

    with pytest.raises(ValueError, match="row 3 is bad"):
        list(forked_map(task, range(6), workers=2))


def test_forked_work_may_start_while_other_forked_work_is_under_way() -> None:
    parent = os.getpid()
    with in_background(lambda: (os.getpid(), "joined")) as joined:
        done = list(forked_map(lambda v: (v * 2, os.getpid()), range(6), workers=2))
        with in_background(lambda: "also") as also:
            assert also() == "also"
        pid, value = joined()
    assert [v for v, _ in done] == [0, 2, 4, 6, 8, 10]
    assert value == "joined"
    assert parent not in {pid, *(worker for _, worker in done)}
    assert not forked._TASKS  # each task forgotten once its work is done
