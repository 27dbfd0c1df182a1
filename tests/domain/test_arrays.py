"""The array helpers give what NumPy's own functions give."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from corridor.domain.arrays import unique_sorted


@given(st.lists(st.integers(min_value=-(2**63), max_value=2**63 - 1), max_size=60))
def test_unique_sorted_is_numpys_unique(values: list[int]) -> None:
    array = np.array(values, dtype=np.int64)
    assert unique_sorted(array).tolist() == np.unique(array).tolist()
    assert unique_sorted(array).dtype == np.int64


def test_unique_sorted_leaves_its_input_as_it_was() -> None:
    array = np.array([3, 1, 3, 2], dtype=np.int64)
    assert unique_sorted(array).tolist() == [1, 2, 3]
    assert array.tolist() == [3, 1, 3, 2]
