import pytest

from corridor.domain.credentials import (
    hash_password,
    new_token,
    token_digest,
    validate_username,
    verify_password,
)
from corridor.errors import InvalidInput


def test_a_password_is_kept_only_as_an_argon2_hash() -> None:
    stored = hash_password("mật khẩu rất dài")
    assert stored.startswith("$argon2id$")
    assert "mật khẩu" not in stored
    assert verify_password(stored, "mật khẩu rất dài")
    assert not verify_password(stored, "mat khau rat dai")


def test_a_short_password_is_refused() -> None:
    with pytest.raises(InvalidInput, match="at least 10"):
        hash_password("short")


def test_a_token_is_stored_as_its_digest_and_never_itself() -> None:
    token, digest = new_token()
    assert token.startswith("cor_")
    assert len(token) > 40
    assert digest == token_digest(token)
    assert token not in digest
    assert new_token()[0] != token


@pytest.mark.parametrize("name", ["", "a", "Vnm Border", "admin'--", "x" * 64, "đặng"])
def test_usernames_are_plain_lower_case_identifiers(name: str) -> None:
    with pytest.raises(InvalidInput):
        validate_username(name)


def test_a_username_is_lower_cased() -> None:
    assert validate_username("VNM.Border-01") == "vnm.border-01"
