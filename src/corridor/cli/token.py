from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from corridor.cli import context
from corridor.errors import NotFound
from corridor.services.accounts import create_api_token, revoke_token_by_id
from corridor.store.repositories.tokens import TokenRepository
from corridor.store.repositories.users import UserRepository

app = typer.Typer(help="API tokens (shown once, stored only as a hash).", no_args_is_help=True)


@app.command("create")
def create(
    username: Annotated[str, typer.Argument(help="The user the token acts as.")],
    name: Annotated[str, typer.Option(help="What the token is for, e.g. 'passenger-list sync'.")],
    days: Annotated[
        int | None, typer.Option(help="Lifetime in days; no expiry if omitted.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Create an API token for a user and print it once."""
    with context.database().transaction() as session:
        user = UserRepository(session).by_username(username.strip().lower())
        if user is None:
            raise NotFound(f"no user {username!r}; 'corridor user list' shows them")
        issued = create_api_token(session, user, name, days)
    if as_json:
        context.print_json(
            {
                "id": issued.token.id,
                "name": issued.token.name,
                "token": issued.secret,
                "expires_at": issued.token.expires_at,
            }
        )
        return
    context.console.print(f"token {issued.token.id} for {username} (shown once, keep it safe):")
    print(issued.secret)  # plain stdout, so scripts can capture it


@app.command("revoke")
def revoke(token_id: Annotated[int, typer.Argument(help="Token id, from 'token list'.")]) -> None:
    """Revoke a token at once; requests using it are refused from then on."""
    with context.database().transaction() as session:
        token = revoke_token_by_id(session, token_id)
    context.console.print(f"token {token.id} ({token.name}) revoked")


@app.command("list")
def list_(
    username: Annotated[str, typer.Argument(help="Whose tokens to list.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List a user's API tokens (never their secrets)."""
    with context.database().transaction() as session:
        user = UserRepository(session).by_username(username.strip().lower())
        if user is None:
            raise NotFound(f"no user {username!r}; 'corridor user list' shows them")
        rows: list[dict[str, Any]] = [
            {
                "id": t.id,
                "name": t.name,
                "created_at": t.created_at,
                "expires_at": t.expires_at,
                "revoked": t.revoked_at is not None,
            }
            for t in TokenRepository(session).for_user(user.id)
        ]
    if as_json:
        context.print_json(rows)
        return
    table = Table("id", "name", "created", "expires", "status")
    for r in rows:
        table.add_row(
            str(r["id"]),
            r["name"],
            str(r["created_at"])[:16],
            str(r["expires_at"] or "never")[:10],
            "revoked" if r["revoked"] else "active",
        )
    context.console.print(table)
