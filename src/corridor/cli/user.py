from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from corridor.cli import context
from corridor.domain.roles import Role, parse_roles
from corridor.services.accounts import add_user
from corridor.store.repositories.agencies import AgencyRepository
from corridor.store.repositories.users import UserRepository

app = typer.Typer(help="Users and their roles.", no_args_is_help=True)
ROLES = ", ".join(r.value for r in Role)


@app.command("add")
def add(
    username: Annotated[
        str, typer.Argument(help="Log-in name (lower case), e.g. vnm.border.hn01.")
    ],
    agency: Annotated[str, typer.Option(help="Code of the user's agency, e.g. VNM-MPS.")],
    role: Annotated[list[str], typer.Option(help=f"Role, repeatable or comma-separated: {ROLES}.")],
    password: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            confirmation_prompt=True,
            envvar="CORRIDOR_NEW_USER_PASSWORD",
            help="At least 10 characters; prompted for when not given.",
        ),
    ],
    display_name: Annotated[str | None, typer.Option(help="Name shown in the interface.")] = None,
) -> None:
    """Create a user in an agency with one or more roles."""
    roles = parse_roles([part for value in role for part in value.split(",")])
    with context.database().transaction() as session:
        user = add_user(
            session,
            agency_code=agency,
            username=username,
            password=password,
            roles=roles,
            display_name=display_name,
        )
        context.console.print(
            f"added user {user.username} to {user.agency.code} as {', '.join(user.roles)}"
        )


@app.command("list")
def list_(
    agency: Annotated[str | None, typer.Option(help="Only this agency's users.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List users, with their agency and roles."""
    with context.database().transaction() as session:
        agency_id = AgencyRepository(session).get(agency).id if agency else None
        users = UserRepository(session).list(agency_id, limit=100_000).items
        rows: list[dict[str, Any]] = [
            {
                "id": u.id,
                "username": u.username,
                "agency": u.agency.code,
                "roles": u.roles,
                "display_name": u.display_name,
                "active": u.active,
            }
            for u in users
        ]
    if as_json:
        context.print_json(rows)
        return
    table = Table("id", "username", "agency", "roles", "name")
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["username"],
            row["agency"],
            ", ".join(row["roles"]),
            row["display_name"],
        )
    context.console.print(table)
