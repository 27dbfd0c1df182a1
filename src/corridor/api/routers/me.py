from __future__ import annotations

from fastapi import APIRouter

from corridor.api.deps import DatabaseDep, PrincipalDep
from corridor.api.schemas.agencies import AgencyPublic
from corridor.api.schemas.me import Me
from corridor.store.repositories.agencies import AgencyRepository

router = APIRouter(prefix="/api/v1", tags=["me"])


@router.get("/me", response_model=Me)
def me(principal: PrincipalDep, database: DatabaseDep) -> Me:
    """Who the credentials belong to, their agency and roles."""
    with database.transaction() as session:
        agency = AgencyRepository(session).get(principal.agency_code)
        return Me(
            id=principal.user_id,
            username=principal.username,
            display_name=principal.display_name,
            roles=sorted(principal.roles),
            agency=AgencyPublic.model_validate(agency),
        )
