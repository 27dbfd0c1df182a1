"""The roles a user can hold within their agency."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    BORDER_OFFICER = "border_officer"
    ANALYST = "analyst"
    CASE_OFFICER = "case_officer"
    LIAISON = "liaison"
    AUDITOR = "auditor"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


# The roles that work with travellers' records: reading them, checking documents, screening.
OPERATIONAL = (Role.BORDER_OFFICER, Role.ANALYST, Role.CASE_OFFICER, Role.LIAISON)


def parse_roles(values: list[str] | str) -> frozenset[Role]:
    """Roles from a list or a comma-separated string; an unknown role is an error, not ignored."""
    from corridor.errors import InvalidInput

    items = values.split(",") if isinstance(values, str) else values
    roles: set[Role] = set()
    for raw in items:
        name = raw.strip().lower()
        if not name:
            continue
        try:
            roles.add(Role(name))
        except ValueError:
            known = ", ".join(r.value for r in Role)
            raise InvalidInput(f"unknown role {raw.strip()!r}; roles are: {known}") from None
    if not roles:
        raise InvalidInput("a user needs at least one role")
    return frozenset(roles)
