"""Array helpers that the screening index and the bulk engine share."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Codes = npt.NDArray[np.int64]


def unique_sorted(values: Codes) -> Codes:
    """``np.unique(values)``, by sorting. Since NumPy 2.3, ``np.unique`` asked for the values
    alone finds them through a hash table, many times slower on this machine: 71 µs against
    4 µs for 50 keys (a single check's candidates), 0.19 s against 0.007 s for 400,000 (the
    unknown pairs of tokens of a bulk run's slice)."""
    ordered = np.sort(values)
    if ordered.size < 2:
        return ordered
    kept = np.empty(ordered.size, dtype=np.bool_)
    kept[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=kept[1:])
    return ordered[kept]
