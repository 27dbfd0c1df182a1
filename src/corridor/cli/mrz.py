"""corridor mrz parse | make: read and write ICAO 9303 machine-readable zones."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import typer

from corridor.cli import context
from corridor.domain.documents.mrz_parser import MAX_INPUT_CHARS, MRZReading, NotAnMRZ, parse
from corridor.domain.documents.mrz_writer import FORMATS, DocumentFields, make_mrz
from corridor.errors import InvalidInput

app = typer.Typer(help="Read, check and write machine-readable zones.", no_args_is_help=True)

EXIT_VALID, EXIT_FAILS_CHECK, EXIT_NOT_MRZ = 0, 1, 2


def read_input(lines: list[str] | None) -> str:
    """MRZ lines from the arguments, or else from standard input (at most a few KB read)."""
    if lines:
        return "\n".join(lines)
    if sys.stdin is None or sys.stdin.isatty():
        return ""
    data = sys.stdin.read(MAX_INPUT_CHARS + 1)
    return data


@app.command("parse")
def parse_command(
    lines: Annotated[
        list[str] | None, typer.Argument(help="The MRZ lines; read from standard input if none.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Read an MRZ and check it. Exit 0: valid; 1: read but a check fails; 2: not an MRZ."""
    try:
        reading = parse(read_input(lines), date.today())
    except NotAnMRZ as error:
        if as_json:
            context.print_json({"format": None, "valid": False, "errors": [error.detail]})
        else:
            context.errors.print(f"error: {error.detail}")
        raise typer.Exit(EXIT_NOT_MRZ) from None
    if as_json:
        context.print_json(reading.as_dict())
    else:
        _print_reading(reading)
    raise typer.Exit(EXIT_VALID if reading.valid else EXIT_FAILS_CHECK)


def _print_reading(reading: MRZReading) -> None:
    out = context.console
    status = "[green]valid[/green]" if reading.valid else "[red]fails its checks[/red]"
    out.print(f"{reading.format} {reading.document_code}: {status}")
    rows = [
        ("issuing state", reading.issuing_state),
        ("surname", reading.surname),
        ("given names", reading.given_names),
        ("document number", reading.document_number),
        ("nationality", reading.nationality),
        ("birth date", reading.birth_date or "?"),
        ("sex", reading.sex),
        ("expiry date", reading.expiry_date.isoformat() if reading.expiry_date else "?"),
        ("optional data", reading.optional_data),
    ]
    for label, value in rows:
        out.print(f"  {label:16} {value}", highlight=False)
    failed = [name for name, ok in reading.checks.items() if ok is False]
    if failed:
        out.print(f"  failed checks    {', '.join(failed)}")
    for correction in reading.corrections:
        out.print(
            f"  corrected        {correction.field}: {correction.before} -> "
            f"{correction.after} ({correction.reason})",
            highlight=False,
        )
    for message in reading.errors:
        out.print(f"  [red]error[/red]  {message}", highlight=False)
    for message in reading.warnings:
        out.print(f"  [yellow]note[/yellow]   {message}", highlight=False)


def _iso(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{what} {value!r} is not a date (YYYY-MM-DD)") from None


@app.command("make")
def make_command(
    surname: Annotated[str, typer.Option(help="Primary identifier, in any script.")],
    number: Annotated[str, typer.Option(help="Document number.")],
    birth_date: Annotated[str, typer.Option(help="YYYY-MM-DD.")],
    expiry_date: Annotated[str, typer.Option(help="YYYY-MM-DD.")],
    issuing_state: Annotated[str, typer.Option(help="ISO alpha-3 or ICAO code, e.g. VNM, D.")],
    given_names: Annotated[str, typer.Option(help="Secondary identifiers.")] = "",
    nationality: Annotated[str | None, typer.Option(help="Defaults to the issuing state.")] = None,
    sex: Annotated[str, typer.Option(help="M, F, X or <.")] = "<",
    document_code: Annotated[str, typer.Option(help="P, PN, I, ID, V ...")] = "P",
    format: Annotated[str, typer.Option(help=f"One of {', '.join(FORMATS)}.")] = "TD3",
    optional_data: Annotated[str, typer.Option(help="Personal number or optional data.")] = "",
) -> None:
    """Write the MRZ lines for the given fields (names transliterated as ICAO recommends)."""
    state = issuing_state.strip().upper()
    fields = DocumentFields(
        document_code=document_code,
        issuing_state=state,
        surname=surname,
        given_names=given_names,
        document_number=number,
        nationality=(nationality or state).strip().upper(),
        birth_date=_iso(birth_date, "birth date"),
        sex=sex.strip().upper(),
        expiry_date=_iso(expiry_date, "expiry date"),
        optional_data=optional_data,
    )
    for line in make_mrz(fields, format):
        print(line)
