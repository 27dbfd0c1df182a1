"""Where each field sits in each ICAO 9303 format, as data: (line, start, end) spans.

Sources: Doc 9303 Part 4 (TD3), Part 5 (TD1), Part 6 (TD2), Part 7 (MRV-A and MRV-B).
"""

from __future__ import annotations

from dataclasses import dataclass

Span = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Layout:
    format: str
    lines: int
    width: int
    document_code: Span
    issuing_state: Span
    name: Span
    document_number: Span
    number_check: Span
    nationality: Span
    birth_date: Span
    birth_check: Span
    sex: Span
    expiry_date: Span
    expiry_check: Span
    optional_data: Span
    optional_check: Span | None = None
    optional_data_2: Span | None = None
    composite: Span | None = None
    composite_over: tuple[Span, ...] = ()
    long_numbers: bool = False  # a number over 9 characters continues in the optional data


def _two_line(
    name: str,
    width: int,
    optional_data: Span,
    optional_check: Span | None = None,
    composite: Span | None = None,
    composite_over: tuple[Span, ...] = (),
    long_numbers: bool = False,
) -> Layout:
    """TD2, TD3 and the visas share their second line up to the optional data."""
    return Layout(
        name,
        2,
        width,
        document_code=(0, 0, 2),
        issuing_state=(0, 2, 5),
        name=(0, 5, width),
        document_number=(1, 0, 9),
        number_check=(1, 9, 10),
        nationality=(1, 10, 13),
        birth_date=(1, 13, 19),
        birth_check=(1, 19, 20),
        sex=(1, 20, 21),
        expiry_date=(1, 21, 27),
        expiry_check=(1, 27, 28),
        optional_data=optional_data,
        optional_check=optional_check,
        composite=composite,
        composite_over=composite_over,
        long_numbers=long_numbers,
    )


TD3 = _two_line(
    "TD3",
    44,
    optional_data=(1, 28, 42),
    optional_check=(1, 42, 43),
    composite=(1, 43, 44),
    composite_over=((1, 0, 10), (1, 13, 20), (1, 21, 43)),
)
MRVA = _two_line("MRVA", 44, optional_data=(1, 28, 44))
TD2 = _two_line(
    "TD2",
    36,
    optional_data=(1, 28, 35),
    composite=(1, 35, 36),
    composite_over=((1, 0, 10), (1, 13, 20), (1, 21, 35)),
    long_numbers=True,
)
MRVB = _two_line("MRVB", 36, optional_data=(1, 28, 36))
TD1 = Layout(
    "TD1",
    3,
    30,
    document_code=(0, 0, 2),
    issuing_state=(0, 2, 5),
    document_number=(0, 5, 14),
    number_check=(0, 14, 15),
    optional_data=(0, 15, 30),
    birth_date=(1, 0, 6),
    birth_check=(1, 6, 7),
    sex=(1, 7, 8),
    expiry_date=(1, 8, 14),
    expiry_check=(1, 14, 15),
    nationality=(1, 15, 18),
    optional_data_2=(1, 18, 29),
    composite=(1, 29, 30),
    composite_over=((0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)),
    name=(2, 0, 30),
    long_numbers=True,
)


LAYOUTS = {layout.format: layout for layout in (TD1, TD2, TD3, MRVA, MRVB)}


class Zone:
    """An MRZ as mutable lines, written and read by span, so corrections apply in place."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = [list(line) for line in lines]

    @classmethod
    def blank(cls, layout: Layout) -> Zone:
        return cls(["<" * layout.width] * layout.lines)

    def get(self, span: Span) -> str:
        line, start, end = span
        return "".join(self.lines[line][start:end])

    def set(self, span: Span, value: str) -> None:
        line, start, end = span
        self.lines[line][start:end] = list(value)

    def text(self) -> list[str]:
        return ["".join(line) for line in self.lines]


def width(span: Span) -> int:
    return span[2] - span[1]


def layout_for(lines: list[str]) -> Layout | None:
    """The format that ``lines`` have the shape of; visas start with ``V``."""
    shape = (len(lines), len(lines[0]) if lines else 0)
    if any(len(line) != shape[1] for line in lines):
        return None
    visa = bool(lines) and lines[0].startswith("V")
    return {
        (3, 30): TD1,
        (2, 36): MRVB if visa else TD2,
        (2, 44): MRVA if visa else TD3,
    }.get(shape)
