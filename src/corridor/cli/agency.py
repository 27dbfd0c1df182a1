from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from corridor.cli import context
from corridor.domain.countries import country_name
from corridor.services.agencies import add_agency
from corridor.store.repositories.agencies import AgencyRepository

app = typer.Typer(help="Agencies served by this node.", no_args_is_help=True)


@app.command("add")
def add(
    code: Annotated[str, typer.Argument(help="Agency code: country, hyphen, name (VNM-MPS).")],
    name: Annotated[str, typer.Option(help="Full name of the agency.")],
    country: Annotated[str, typer.Option(help="ISO 3166-1 alpha-3 country code.")],
) -> None:
    """Register an agency, e.g. corridor agency add GBR-HO --name 'UK Home Office' --country GBR."""
    with context.database().transaction() as session:
        agency = add_agency(session, code=code, name=name, country=country)
    context.console.print(f"added agency {agency.code} ({agency.name})")


@app.command("list")
def list_(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List the agencies on this node."""
    with context.database().transaction() as session:
        rows = [
            (a.code, a.name, a.country) for a in AgencyRepository(session).list(limit=10_000).items
        ]
    if as_json:
        context.print_json([{"code": c, "name": n, "country": k} for c, n, k in rows])
        return
    table = Table("code", "name", "country")
    for code, name, country in rows:
        table.add_row(code, name, f"{country} ({country_name(country)})")
    context.console.print(table)
