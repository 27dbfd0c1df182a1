"""ICAO 9303 Part 3 §4.9 check digits: weights 7, 3, 1 over digit values, A=10 ... Z=35, < = 0."""

from __future__ import annotations

_WEIGHTS = (7, 3, 1)


def char_value(char: str) -> int:
    if char.isdigit():
        return ord(char) - 48
    if "A" <= char <= "Z":
        return ord(char) - 55
    if char == "<":
        return 0
    raise ValueError(f"{char!r} cannot appear in a machine-readable zone")


def check_digit(field: str) -> str:
    total = sum(char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(field))
    return str(total % 10)
