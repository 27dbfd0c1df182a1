"""Prepared names as cache keys: equal names hash alike, also after crossing a process."""

from __future__ import annotations

import pickle

from corridor.domain.screening.records import NameForm, name_form


def test_equal_names_are_one_key_and_stay_one_when_pickled() -> None:
    made = NameForm("NGUYEN VAN HUNG", (("NGUYEN", "VAN", "HUNG"),))
    again = NameForm("NGUYEN VAN HUNG", (("NGUYEN", "VAN", "HUNG"),))
    other = NameForm("NGUYEN VAN HUNG", (("NGUYEN", "VAN", "HUNG"),), frozenset({"HUNG"}))
    assert made == again
    assert hash(made) == hash(again)
    assert made != other
    copied = pickle.loads(pickle.dumps(name_form("Nguyễn Văn Hùng", "VNM")))  # noqa: S301
    assert copied == name_form("Nguyễn Văn Hùng", "VNM")
    assert {copied: 1}[name_form("Nguyễn Văn Hùng", "VNM")] == 1
