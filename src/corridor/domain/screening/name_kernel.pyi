"""The compiled loops of ``bulk_names.py`` (``name_kernel.pyx``), as mypy sees them."""

import numpy as np
import numpy.typing as npt

Codes = npt.NDArray[np.int64]
Bits = npt.NDArray[np.float64]
Bytes = npt.NDArray[np.uint8]

def weigh(
    lefts: Codes,
    rights: Codes,
    start: Codes,
    stop: Codes,
    count: Codes,
    tokens: Codes,
    joined: Codes,
    middle: Bytes,
    guess: Bytes,
    weights: Bits,
    rules: Bits,
    known_keys: Codes,
    known_values: Bits,
    out: Bits,
    where: Codes,
    unknown: Codes,
    done: Bytes,
) -> None: ...
