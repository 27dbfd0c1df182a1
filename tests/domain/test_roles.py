import pytest

from corridor.domain.roles import Role, parse_roles
from corridor.errors import InvalidInput


def test_roles_are_read_from_a_list_or_a_comma_separated_string() -> None:
    assert parse_roles("admin, Analyst") == {Role.ADMIN, Role.ANALYST}
    assert parse_roles(["border_officer"]) == {Role.BORDER_OFFICER}


def test_an_unknown_role_is_an_error_that_lists_the_real_ones() -> None:
    with pytest.raises(InvalidInput, match="roles are: admin, border_officer"):
        parse_roles("superuser")


def test_a_user_needs_a_role() -> None:
    with pytest.raises(InvalidInput, match="at least one role"):
        parse_roles(" , ")
