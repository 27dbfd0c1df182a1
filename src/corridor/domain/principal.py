"""Who is acting: the authenticated user, their agency and roles. Every scoped query uses it."""

from __future__ import annotations

from dataclasses import dataclass

from corridor.domain.roles import Role
from corridor.errors import PermissionDenied


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: int
    username: str
    display_name: str
    agency_id: int
    agency_code: str
    roles: frozenset[Role]
    token_id: int

    def has(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)

    def require(self, *roles: Role) -> None:
        """Raise unless the principal holds at least one of ``roles``."""
        if not self.has(*roles):
            wanted = " or ".join(role.value for role in roles)
            raise PermissionDenied(f"this needs the {wanted} role in {self.agency_code}")
