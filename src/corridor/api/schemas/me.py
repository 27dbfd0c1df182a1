from __future__ import annotations

from pydantic import BaseModel

from corridor.api.schemas.agencies import AgencyPublic
from corridor.domain.roles import Role


class Me(BaseModel):
    id: int
    username: str
    display_name: str
    roles: list[Role]
    agency: AgencyPublic
