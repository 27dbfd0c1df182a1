from __future__ import annotations

from pydantic import BaseModel, ConfigDict, computed_field

from corridor.domain.countries import country_name


class AgencyPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    country: str

    @computed_field  # type: ignore[prop-decorator]
    @property
    def country_name(self) -> str:
        return country_name(self.country)
