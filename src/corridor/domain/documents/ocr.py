"""The characters OCR confuses in machine-readable zones, and readings that undo them.

A field's character class limits what a character can be: a letter in a digits-only field
(dates, check digits) has one reading; in a letters-and-digits field (document numbers,
optional data) each confusable character has several, and only the check digit can choose.
"""

from __future__ import annotations

from collections.abc import Iterator

# Groups of characters OCR mistakes for one another (ICAO 9303 OCR-B, scanned).
CONFUSION_GROUPS = ("0OQD", "1I", "2Z", "5S", "6G", "8B")

LETTER_TO_DIGIT = {c: group[0] for group in CONFUSION_GROUPS for c in group[1:]}
DIGIT_TO_LETTER = {"0": "O", "1": "I", "2": "Z", "5": "S", "6": "G", "8": "B"}
_ALTERNATIVES = {c: group.replace(c, "") for group in CONFUSION_GROUPS for c in group}


def as_digits(text: str) -> str | None:
    """A digits-only field with confusable letters read as digits, or None if one is not."""
    out = "".join(LETTER_TO_DIGIT.get(c, c) for c in text)
    return out if all(c.isdigit() or c == "<" for c in out) else None


def as_letters(text: str) -> str | None:
    """A letters-only field (state codes, names) with confusable digits read as letters."""
    out = "".join(DIGIT_TO_LETTER.get(c, c) for c in text)
    return None if any(c.isdigit() for c in out) else out


def single_substitutions(text: str) -> Iterator[str]:
    """Every reading of ``text`` that changes one confusable character."""
    for index, char in enumerate(text):
        for other in _ALTERNATIVES.get(char, ""):
            yield text[:index] + other + text[index + 1 :]


def number_key(number: str) -> str:
    """A document number with every confusable letter read as its digit, for lookups that
    must find ``C1O34567`` when ``C1034567`` was reported (and the reverse)."""
    return "".join(LETTER_TO_DIGIT.get(c, c) for c in number.upper() if c.isalnum())
