"""The documentation names every setting the node reads, with its real default."""

from pathlib import Path

from corridor.settings import Settings

ROOT = Path(__file__).parent.parent


def test_every_setting_is_documented() -> None:
    table = (ROOT / "docs" / "configuration.md").read_text("utf-8")
    for name, field in Settings.model_fields.items():
        row = next(
            (line for line in table.splitlines() if f"`CORRIDOR_{name.upper()}`" in line), None
        )
        assert row is not None, f"CORRIDOR_{name.upper()} is missing from docs/configuration.md"
        assert field.description is not None
        assert field.description in row


def test_the_readme_gives_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "make demo" in readme
    assert "make test" in readme
