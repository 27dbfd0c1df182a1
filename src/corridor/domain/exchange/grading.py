"""Information grading, as police services write it on what they send.

Two schemes are in use between the partners: the 4x4 (Europol, Interpol): source reliability
A (completely reliable), B (usually reliable), C (not usually reliable), X (cannot be
assessed), and information 1 (known to be true without reservation), 2 (known personally to
the source), 3 (not known personally to the source but corroborated), 4 (cannot be judged);
and the UK's 3x5x2: source 1 (reliable), 2 (untested), 3 (not reliable), intelligence A (known
directly), B (known indirectly but corroborated), C (known indirectly), D (not known), E
(suspected to be false), and handling P (lawful sharing permitted) or C (with conditions).
"""

from __future__ import annotations

import re

from corridor.errors import InvalidInput

FOUR_BY_FOUR = re.compile(r"^(?P<source>[ABCX])(?P<information>[1-4])$")
THREE_FIVE_TWO = re.compile(r"^(?P<source>[1-3])(?P<intelligence>[A-E])(?P<handling>[PC])$")


def parse_grading(text: str) -> str:
    """``4x4:B2`` or ``3x5x2:1BP``, checked and normalised; a clear error otherwise."""
    scheme, _, grade = "".join(text.split()).upper().partition(":")
    if scheme == "4X4" and FOUR_BY_FOUR.match(grade):
        return f"4x4:{grade}"
    if scheme == "3X5X2" and THREE_FIVE_TWO.match(grade):
        return f"3x5x2:{grade}"
    raise InvalidInput(
        f"grading {text!r} is not 4x4:<A|B|C|X><1-4> (e.g. 4x4:B2) "
        "or 3x5x2:<1-3><A-E><P|C> (e.g. 3x5x2:1BP)"
    )
